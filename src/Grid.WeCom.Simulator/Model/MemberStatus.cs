namespace Grid.WeCom.Simulator.Model;

/// <summary>A member's <c>status</c> as WeCom reports it (激活状态).</summary>
public enum MemberStatus
{
    /// <summary>已激活.</summary>
    Active = 1,

    /// <summary>已禁用.</summary>
    Disabled = 2,

    /// <summary>未激活: invited but never joined.</summary>
    NotActivated = 4,

    /// <summary>退出企业.</summary>
    Quit = 5,
}
