using System.Collections.Immutable;
using Grid.Abstractions.Directory;

namespace Grid.Grains.Directory;

/// <summary>What a change makes of an account, compared field by field (the arrays by content).</summary>
internal sealed record AccountDraft(
    AccountProfile Profile,
    AccountStatus Status,
    ImmutableArray<string> OrganizationIds,
    ImmutableArray<ExternalId> ExternalIds)
{
    public static AccountDraft Of(AccountState state) =>
        new(state.Profile, state.Status, [.. state.OrganizationIds], [.. state.ExternalIds]);

    /// <summary>The unique values the account holds with this content: none when it does not exist or is deleted.</summary>
    public HashSet<UniqueClaim> Held(bool exists)
    {
        var held = new HashSet<UniqueClaim>();
        if (!exists || Status == AccountStatus.Deleted)
        {
            return held;
        }

        void Add(UniqueField field, string? raw)
        {
            if (UniqueValues.Normalize(field, raw) is { } value)
            {
                held.Add(new UniqueClaim(field, value));
            }
        }

        Add(UniqueField.Username, Profile.Username);
        Add(UniqueField.Email, Profile.Email);
        Add(UniqueField.Mobile, Profile.Mobile);
        foreach (var externalId in ExternalIds)
        {
            Add(UniqueField.ExternalId, externalId.ToString());
        }

        return held;
    }

    public bool Equals(AccountDraft? other) =>
        other is not null
        && Profile.Equals(other.Profile)
        && Status == other.Status
        && OrganizationIds.SequenceEqual(other.OrganizationIds)
        && ExternalIds.SequenceEqual(other.ExternalIds);

    public override int GetHashCode() => HashCode.Combine(Profile, Status);
}
