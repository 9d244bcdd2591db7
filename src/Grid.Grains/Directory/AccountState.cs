using Grid.Abstractions.Directory;

namespace Grid.Grains.Directory;

[GenerateSerializer]
[Alias("grid.account-state")]
public sealed class AccountState : IDirectoryState<AccountOutbox>
{
    [Id(0)]
    public bool Exists { get; set; }

    [Id(1)]
    public AccountProfile Profile { get; set; } = new(null, "", null, null);

    [Id(2)]
    public AccountStatus Status { get; set; }

    /// <summary>Sorted ordinally, without repeats.</summary>
    [Id(3)]
    public List<string> OrganizationIds { get; set; } = [];

    [Id(4)]
    public List<ExternalId> ExternalIds { get; set; } = [];

    /// <summary>The password hash, sealed (never the password, never the bare hash).</summary>
    [Id(5)]
    public string? SealedPasswordHash { get; set; }

    [Id(6)]
    public long Version { get; set; }

    [Id(7)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(8)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(9)]
    public AccountOutbox Outbox { get; set; } = new();

    /// <summary>
    /// Whether a personal email was ever proposed for the account (<see cref="Abstractions.Sessions.IPersonalEmailGrain"/>):
    /// false from its creation until one is, so that readers skip that grain; null for an account stored before this
    /// was kept, which readers must ask.
    /// </summary>
    [Id(10)]
    public bool? PersonalEmailProposed { get; set; }

    /// <summary>The account as readers see it (copies of the lists, no password hash).</summary>
    public AccountView ToView(string tenantId, string accountId) => new(
        tenantId,
        accountId,
        Profile,
        Status,
        [.. OrganizationIds],
        [.. ExternalIds],
        SealedPasswordHash is not null,
        Version,
        CreatedAt,
        UpdatedAt)
    {
        HasNoPersonalEmail = PersonalEmailProposed == false,
    };
}
