using Grid.Abstractions.Directory;

namespace Grid.Host.Login;

/// <summary>A completed WeCom sign-in: the account, the member, and where the browser asked to go (empty: nowhere).</summary>
internal sealed record WeComLoginCompleted(
    AccountView Account,
    string UserId,
    string ConnectorId,
    DateTimeOffset? ConsentExpiresAt,
    string ReturnTo);
