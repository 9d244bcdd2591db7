using System.Net;

namespace Grid.WeCom.Simulator.Model;

/// <summary>
/// A self-built app (自建应用) of the simulated company: its credentials, visible scope, trusted IPs and domain,
/// the sensitive fields its admin allows OAuth to return, and its callback settings.
/// </summary>
public sealed record SimulatedApp
{
    /// <summary>
    /// WeCom's cut-over: apps created from 2022-06-20 20:00 (China time) on no longer receive avatar, gender, mobile,
    /// email, biz_mail, qr_code and address from the contact APIs.
    /// </summary>
    public static readonly DateTimeOffset SensitiveFieldCutover = new(2022, 6, 20, 20, 0, 0, TimeSpan.FromHours(8));

    public required int AgentId { get; init; }

    public required string Secret { get; init; }

    public string Name { get; init; } = "Grid";

    /// <summary>When the app was created; see <see cref="SensitiveFieldCutover"/>.</summary>
    public DateTimeOffset CreatedAt { get; init; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Departments in the visible scope; membership is recursive over sub-departments.</summary>
    public IReadOnlyList<int> VisibleDepartments { get; init; } = [1];

    /// <summary>Members added to the visible scope one by one.</summary>
    public IReadOnlyList<string> VisibleUsers { get; init; } = [];

    /// <summary>企业可信IP. Empty means unrestricted; otherwise other callers get 60020.</summary>
    public IReadOnlyList<IPAddress> TrustedIps { get; init; } = [];

    /// <summary>
    /// 可信域名 for OAuth and QR-login redirects: a host with an optional port ("grid.example.com",
    /// "127.0.0.1:5080"). Host and port must match the redirect_uri exactly; null refuses every redirect.
    /// </summary>
    public string? TrustedDomain { get; init; }

    /// <summary>The sensitive fields the admin allows auth/getuserdetail to return (the member must also consent).</summary>
    public SensitiveFields AllowedSensitiveFields { get; init; } = SensitiveFields.None;

    /// <summary>Where change_contact events are posted; null sends none.</summary>
    public SimulatedCallbackSettings? Callback { get; init; }

    /// <summary>True when the app was created on or after <see cref="SensitiveFieldCutover"/>.</summary>
    public bool HidesSensitiveFields => CreatedAt >= SensitiveFieldCutover;

    /// <summary>Prints no secret.</summary>
    public override string ToString() => $"SimulatedApp {{ AgentId = {AgentId}, Name = {Name} }}";
}
