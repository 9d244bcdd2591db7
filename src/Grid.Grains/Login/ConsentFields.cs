using System.Collections.Immutable;
using Grid.Abstractions.Directory;
using Grid.WeCom.Api;

namespace Grid.Grains.Login;

/// <summary>
/// The sensitive fields a member may consent to share (auth/getuserdetail), by the names the member grain keeps them
/// under, and how they map into the account: <c>mobile</c> → mobile, <c>biz_mail</c> (else <c>email</c>) → email,
/// <c>gender</c>, <c>avatar</c> (as <c>avatar_url</c>) and <c>address</c> → attributes.
/// </summary>
internal static class ConsentFields
{
    public const string Mobile = "mobile";
    public const string Email = "email";
    public const string BizMail = "biz_mail";
    public const string Gender = "gender";
    public const string Avatar = "avatar";
    public const string Address = "address";

    private static readonly ImmutableArray<string> Known = [Mobile, Email, BizMail, Gender, Avatar, Address];

    public static bool IsKnown(string name) => Known.Contains(name, StringComparer.Ordinal);

    /// <summary>What WeCom returned, by name; fields it left out or empty (not consented, hidden by the admin) are absent.</summary>
    public static ImmutableSortedDictionary<string, string> From(WeComUserDetail detail)
    {
        var fields = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        Add(fields, Mobile, detail.Mobile);
        Add(fields, Email, detail.Email);
        Add(fields, BizMail, detail.BizMail);

        // "0" is WeCom's "not given".
        Add(fields, Gender, detail.Gender is "1" or "2" ? detail.Gender : null);
        Add(fields, Avatar, detail.Avatar);
        Add(fields, Address, detail.Address);
        return fields.ToImmutable();
    }

    /// <summary>The profile with the consented values over it.</summary>
    public static AccountProfile Apply(AccountProfile profile, IReadOnlyDictionary<string, string> consented)
    {
        var attributes = profile.AttributesOrEmpty;
        attributes = With(attributes, "gender", consented.GetValueOrDefault(Gender));
        attributes = With(attributes, "avatar_url", consented.GetValueOrDefault(Avatar));
        attributes = With(attributes, "address", consented.GetValueOrDefault(Address));
        return profile with
        {
            Mobile = consented.GetValueOrDefault(Mobile) ?? profile.Mobile,
            Email = consented.GetValueOrDefault(BizMail) ?? consented.GetValueOrDefault(Email) ?? profile.Email,
            Attributes = attributes.Count == 0 ? null : attributes,
        };
    }

    private static ImmutableSortedDictionary<string, string> With(ImmutableSortedDictionary<string, string> attributes, string name, string? value) =>
        value is null ? attributes : attributes.SetItem(name, value);

    private static void Add(ImmutableSortedDictionary<string, string>.Builder fields, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            fields[name] = value.Trim();
        }
    }
}
