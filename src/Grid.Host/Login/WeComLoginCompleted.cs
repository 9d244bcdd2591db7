using Grid.Host.SignIn;

namespace Grid.Host.Login;

/// <summary>A completed WeCom sign-in: the session opened (with the account), the member, and where the browser asked to go (empty: nowhere).</summary>
internal sealed record WeComLoginCompleted(
    IssuedSession Session,
    string UserId,
    string ConnectorId,
    DateTimeOffset? ConsentExpiresAt,
    string ReturnTo);
