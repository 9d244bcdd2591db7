namespace Grid.WeCom.Simulator.Model;

/// <summary>
/// A department as WeCom stores it. The root department has id 1 and parent 0. Department leaders are not stored
/// here: they are derived from the members' <see cref="SimulatedMember.IsLeaderInDept"/> flags so that the two
/// can never disagree.
/// </summary>
public sealed record SimulatedDepartment
{
    public required int Id { get; init; }

    public required string Name { get; init; }

    public string NameEn { get; init; } = "";

    /// <summary>Parent department id; 0 only for the root department 1.</summary>
    public required int ParentId { get; init; }

    /// <summary>Order among siblings, in [0, 2^32): larger values sort first.</summary>
    public long Order { get; init; }
}
