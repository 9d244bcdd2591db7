namespace Grid.Grains.Login;

/// <summary>WeCom sign-in settings, bound from <c>Grid:Login</c> and validated at start-up.</summary>
public sealed class LoginOptions
{
    public const string SectionName = "Grid:Login";

    /// <summary>The longest <see cref="StateLifetime"/> allowed: a login state lives for minutes, never longer.</summary>
    public static readonly TimeSpan MaxStateLifetime = TimeSpan.FromMinutes(30);

    /// <summary>How long a begun WeCom login may take until its code comes back (default 5 minutes, as WeCom's codes).</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The connector the login pages use when the address names none (<c>?connector=</c>).</summary>
    public string DefaultConnector { get; set; } = "wecom";

    /// <summary>How long a member's consent to share sensitive fields is valid (WeCom: 30 days).</summary>
    public TimeSpan ConsentLifetime { get; set; } = TimeSpan.FromDays(30);
}
