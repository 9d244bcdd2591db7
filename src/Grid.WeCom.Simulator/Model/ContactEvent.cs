namespace Grid.WeCom.Simulator.Model;

/// <summary>One change_contact event as a given app will receive it.</summary>
internal abstract record ContactEvent(string ChangeType);

/// <summary>create_user / update_user (with <paramref name="NewUserId"/> on a userid change) / delete_user.</summary>
internal sealed record UserContactEvent(string ChangeType, string UserId, string? NewUserId, MemberView? View)
    : ContactEvent(ChangeType);

/// <summary>create_party / update_party / delete_party.</summary>
internal sealed record PartyContactEvent(string ChangeType, SimulatedDepartment Department)
    : ContactEvent(ChangeType);
