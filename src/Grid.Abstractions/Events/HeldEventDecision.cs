namespace Grid.Abstractions.Events;

/// <summary>
/// An administrator's decision on a held delete, as the events it came from record it: every held event of the member
/// (either userid of a userid change) or department becomes <see cref="Status"/>.
/// </summary>
/// <param name="UserId">The member, for an account delete.</param>
/// <param name="DepartmentId">The department, for an organization delete.</param>
/// <param name="Status"><see cref="WeComEventStatus.Approved"/> or <see cref="WeComEventStatus.Discarded"/>.</param>
/// <param name="Actor">Who decided (the caller's client id).</param>
/// <param name="At">When.</param>
[GenerateSerializer, Immutable]
[Alias("grid.held-event-decision")]
public sealed record HeldEventDecision(
    [property: Id(0)] string? UserId,
    [property: Id(1)] long? DepartmentId,
    [property: Id(2)] WeComEventStatus Status,
    [property: Id(3)] string Actor,
    [property: Id(4)] DateTimeOffset At)
{
    /// <summary>Whether <paramref name="e"/> is a held event this decision is about.</summary>
    public bool Covers(WeComEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Status == WeComEventStatus.Held && IsAbout(e);
    }

    /// <summary>Whether <paramref name="e"/> is an event of this decision's member or department (in any status).</summary>
    public bool IsAbout(WeComEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return UserId is { } userId
            ? string.Equals(e.UserId, userId, StringComparison.OrdinalIgnoreCase) || string.Equals(e.NewUserId, userId, StringComparison.OrdinalIgnoreCase)
            : DepartmentId is { } departmentId && e.DepartmentId == departmentId;
    }
}
