using System.Collections.Immutable;

namespace Grid.Abstractions.Directory;

/// <summary>
/// The descriptive fields of an account. <see cref="Username"/>, <see cref="Email"/> and <see cref="Mobile"/> are
/// unique within a tenant when present. <see cref="Attributes"/> holds every other mapped field (e.g. <c>title</c>,
/// <c>employee_id</c>, <c>avatar_url</c>); keys are snake_case (a-z, 0-9, '_'). Equality compares values.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.account-profile")]
public sealed record AccountProfile(
    string? Username,
    string DisplayName,
    string? Email,
    string? Mobile,
    ImmutableSortedDictionary<string, string>? Attributes = null)
{
    /// <summary>The attributes, never null.</summary>
    public ImmutableSortedDictionary<string, string> AttributesOrEmpty =>
        Attributes ?? ImmutableSortedDictionary<string, string>.Empty;

    public bool Equals(AccountProfile? other) =>
        other is not null
        && string.Equals(Username, other.Username, StringComparison.Ordinal)
        && string.Equals(DisplayName, other.DisplayName, StringComparison.Ordinal)
        && string.Equals(Email, other.Email, StringComparison.Ordinal)
        && string.Equals(Mobile, other.Mobile, StringComparison.Ordinal)
        && AttributesOrEmpty.Count == other.AttributesOrEmpty.Count
        && AttributesOrEmpty.All(pair =>
            other.AttributesOrEmpty.TryGetValue(pair.Key, out var value)
            && string.Equals(pair.Value, value, StringComparison.Ordinal));

    public override int GetHashCode() =>
        HashCode.Combine(Username, DisplayName, Email, Mobile, AttributesOrEmpty.Count);
}
