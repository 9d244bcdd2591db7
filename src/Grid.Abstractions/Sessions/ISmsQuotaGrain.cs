namespace Grid.Abstractions.Sessions;

/// <summary>
/// How many SMS codes one sender of requests may still have sent in the current window, key
/// <c>{tenant}/{scope}</c> (see <see cref="SessionKeys.SmsQuota"/>): one client address of a tenant, or the whole
/// tenant. Beside each mobile's resend interval, it is what throttles a caller who sprays codes across many numbers.
/// </summary>
[Alias("grid.ISmsQuotaGrain")]
public interface ISmsQuotaGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes one send from a budget of <paramref name="limit"/> per <paramref name="window"/>: zero when it was
    /// taken, otherwise how long until the window ends and sends are allowed again (nothing is taken then).
    /// </summary>
    [Alias("Take")]
    Task<TimeSpan> Take(int limit, TimeSpan window);
}
