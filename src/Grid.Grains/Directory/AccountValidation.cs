using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Directory;

namespace Grid.Grains.Directory;

/// <summary>
/// Checks what a caller asks of an account and returns it in the form the account stores (trimmed, sorted, without
/// repeats); throws InvalidArgument naming the field otherwise. Uniqueness is the indexes' job, not this one's.
/// </summary>
internal static class AccountValidation
{
    public const int MaxOrganizations = 200;
    public const int MaxExternalIds = 16;

    /// <summary>A status an account can be created with: any but Deleted.</summary>
    public static AccountStatus CreateStatus(AccountStatus status) =>
        status is AccountStatus.Deleted || !Enum.IsDefined(status)
            ? throw GridException.Invalid("status", $"cannot create an account with status {status}")
            : status;

    public static AccountStatus Status(AccountStatus status) =>
        Enum.IsDefined(status) ? status : throw GridException.Invalid("status", $"unknown status {status}");

    public static AccountProfile Profile(AccountProfile? profile)
    {
        if (profile is null)
        {
            throw GridException.Invalid("profile", "required");
        }

        var displayName = profile.DisplayName?.Trim() ?? "";
        if (displayName.Length is 0 or > 128)
        {
            throw GridException.Invalid("display_name", "required, at most 128 characters");
        }

        var username = Optional(profile.Username);
        var email = Optional(profile.Email);
        var mobile = Optional(profile.Mobile);
        CheckUnique(UniqueField.Username, username, "at most 128 characters without spaces");
        CheckUnique(UniqueField.Email, email, "not an email address");
        CheckUnique(UniqueField.Mobile, mobile, "not a phone number");
        foreach (var (key, value) in profile.AttributesOrEmpty)
        {
            if (key.Length is 0 or > 64 || key.Any(c => c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')))
            {
                throw GridException.Invalid("attributes", $"'{key}' is not an attribute name (a-z, 0-9, '_', up to 64)");
            }

            if (value is null || value.Length > 4096)
            {
                throw GridException.Invalid("attributes", $"'{key}' must have a value of at most 4096 characters");
            }
        }

        return new AccountProfile(username, displayName, email, mobile, profile.Attributes is { Count: > 0 } ? profile.Attributes : null);
    }

    public static ImmutableArray<string> Organizations(ImmutableArray<string> organizationIds)
    {
        if (organizationIds.IsDefaultOrEmpty)
        {
            return [];
        }

        foreach (var id in organizationIds)
        {
            GridKeys.ValidateId(id, "organization_ids");
        }

        var sorted = organizationIds.Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
        return sorted.Length > MaxOrganizations
            ? throw GridException.Invalid("organization_ids", $"at most {MaxOrganizations} organizations")
            : sorted;
    }

    public static ImmutableArray<ExternalId> ExternalIds(ImmutableArray<ExternalId> externalIds)
    {
        if (externalIds.IsDefaultOrEmpty)
        {
            return [];
        }

        if (externalIds.Length > MaxExternalIds)
        {
            throw GridException.Invalid("external_ids", $"at most {MaxExternalIds} external ids");
        }

        var sources = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = ImmutableArray.CreateBuilder<ExternalId>(externalIds.Length);
        foreach (var externalId in externalIds)
        {
            if (externalId is null || UniqueValues.IsEmpty(externalId.Source) || UniqueValues.IsEmpty(externalId.Value))
            {
                throw GridException.Invalid("external_ids", "every external id needs a source and a value");
            }

            var trimmed = new ExternalId(externalId.Source.Trim(), externalId.Value.Trim());
            if (UniqueValues.Normalize(UniqueField.ExternalId, trimmed.ToString()) is null)
            {
                throw GridException.Invalid("external_ids", $"'{trimmed}' is not an external id (no spaces, at most 256 characters)");
            }

            if (!sources.Add(trimmed.Source))
            {
                throw GridException.Invalid("external_ids", $"two external ids for source '{trimmed.Source}'");
            }

            result.Add(trimmed);
        }

        return [.. result.OrderBy(e => e.Source, StringComparer.Ordinal)];
    }

    private static string? Optional(string? value) => UniqueValues.IsEmpty(value) ? null : value!.Trim();

    private static void CheckUnique(UniqueField field, string? value, string problem)
    {
        if (value is not null && UniqueValues.Normalize(field, value) is null)
        {
            throw GridException.Invalid(UniqueValues.FieldName(field), $"'{value}' is {problem}");
        }
    }
}
