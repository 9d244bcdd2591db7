using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;

namespace Grid.Host.SignIn;

/// <summary>A session just opened or refreshed, with its token pair and the account it signed in.</summary>
internal sealed record IssuedSession(
    SessionView Session,
    AccountView Account,
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken);
