namespace Grid.Abstractions.Directory;

/// <summary>
/// Everything needed to create an organization. <see cref="ParentId"/> is null only for the tenant's root
/// (<see cref="GridKeys.RootOrganizationId"/>), which the tenant creates itself.
/// </summary>
/// <param name="Name">The name (1..128 characters).</param>
/// <param name="ParentId">The parent organization; it must exist.</param>
/// <param name="ExternalId">The source's id, e.g. source <c>wecom:{corpId}</c> and the WeCom department id.</param>
/// <param name="Code">An optional short code.</param>
/// <param name="Order">Order among siblings (WeCom's department order).</param>
[GenerateSerializer, Immutable]
[Alias("grid.organization-spec")]
public sealed record OrganizationSpec(
    string Name,
    string? ParentId,
    ExternalId? ExternalId = null,
    string? Code = null,
    long Order = 0);
