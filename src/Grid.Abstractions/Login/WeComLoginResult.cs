using Grid.Abstractions.Directory;

namespace Grid.Abstractions.Login;

/// <summary>
/// The outcome of <see cref="IWeComLoginGrain.Complete"/>: the account signed in, or the failure (never both).
/// </summary>
/// <param name="Account">The account the member signed in as.</param>
/// <param name="UserId">The member's WeCom userid.</param>
/// <param name="ConsentExpiresAt">When the member's consent to share sensitive fields expires; null without consent.</param>
/// <param name="Failure">Why the sign-in was refused.</param>
[GenerateSerializer, Immutable]
[Alias("grid.wecom-login-result")]
public sealed record WeComLoginResult(
    [property: Id(0)] AccountView? Account,
    [property: Id(1)] string? UserId,
    [property: Id(2)] DateTimeOffset? ConsentExpiresAt,
    [property: Id(3)] WeComLoginFailure? Failure)
{
    public static WeComLoginResult Refused(WeComLoginFailure failure, string? userId = null) => new(null, userId, null, failure);
}
