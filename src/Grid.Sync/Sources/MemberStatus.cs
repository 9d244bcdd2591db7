namespace Grid.Sync.Sources;

/// <summary>A WeCom member's <c>status</c> (激活状态), with WeCom's own numbers.</summary>
public enum MemberStatus
{
    /// <summary>1: activated (已激活).</summary>
    Active = 1,

    /// <summary>2: disabled by an administrator (已禁用).</summary>
    Disabled = 2,

    /// <summary>4: invited but not yet activated (未激活).</summary>
    NotActivated = 4,

    /// <summary>5: left the company (退出企业).</summary>
    Left = 5,
}
