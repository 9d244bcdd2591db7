namespace Grid.Abstractions.Directory;

/// <summary>An account field whose values are unique within a tenant (enforced by <see cref="IUniqueIndexGrain"/>).</summary>
[GenerateSerializer]
[Alias("grid.unique-field")]
public enum UniqueField
{
    /// <summary>The user name (compared case-insensitively, trimmed).</summary>
    Username = 1,

    /// <summary>The email address (compared case-insensitively, trimmed).</summary>
    Email = 2,

    /// <summary>The mobile number (compared as "+" and digits, with the country code; numbers without one are Chinese).</summary>
    Mobile = 3,

    /// <summary>An external id such as <c>wecom:{corpId}:{userid}</c> (compared case-insensitively, as WeCom does).</summary>
    ExternalId = 4,
}
