using System.Collections.Immutable;

namespace Grid.Abstractions.Sync;

/// <summary>A WeCom member as a full sync last saw it (what user/list returned), as persisted and sent.</summary>
/// <param name="UserId">WeCom userid.</param>
/// <param name="Name">Display name.</param>
/// <param name="Departments">Visible department ids.</param>
/// <param name="MainDepartment">Main department, when visible.</param>
/// <param name="Position">Job title.</param>
/// <param name="Status">WeCom status: 1 active, 2 disabled, 4 not activated, 5 left.</param>
/// <param name="Alias">Alias.</param>
/// <param name="Telephone">Landline.</param>
/// <param name="Mobile">Mobile, when WeCom returns it.</param>
/// <param name="Email">Personal e-mail, when returned.</param>
/// <param name="BizMail">Enterprise e-mail, when returned.</param>
/// <param name="Gender">"0", "1" or "2", when returned.</param>
/// <param name="ExtAttrs">Text extended attributes by name.</param>
/// <param name="DirectLeaders">Direct leaders' userids.</param>
/// <param name="IsLeaderInDept">Leader flags aligned with <paramref name="Departments"/>.</param>
[GenerateSerializer, Immutable, Alias("grid.wecom-member-record")]
public sealed record WeComMemberRecord(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Name,
    [property: Id(2)] ImmutableArray<long> Departments,
    [property: Id(3)] long? MainDepartment,
    [property: Id(4)] string Position,
    [property: Id(5)] int Status,
    [property: Id(6)] string Alias,
    [property: Id(7)] string Telephone,
    [property: Id(8)] string? Mobile,
    [property: Id(9)] string? Email,
    [property: Id(10)] string? BizMail,
    [property: Id(11)] string? Gender,
    [property: Id(12)] ImmutableSortedDictionary<string, string> ExtAttrs,
    [property: Id(13)] ImmutableArray<string> DirectLeaders,
    [property: Id(14)] ImmutableArray<bool> IsLeaderInDept);
