using Google.Protobuf.WellKnownTypes;
using Grid.Abstractions.Directory;
using Grid.Grains;
using Grid.Contracts.V1;
using Domain = Grid.Abstractions.Directory;
using V1 = Grid.Contracts.V1;

namespace Grid.Host.Grpc;

/// <summary>Directory views → grid.v1 messages.</summary>
internal static class DirectoryMapper
{
    public static Account ToProto(this AccountView view)
    {
        var account = new Account
        {
            AccountId = view.AccountId,
            Username = view.Profile.Username ?? "",
            DisplayName = view.Profile.DisplayName,
            Mobile = view.Profile.Mobile ?? "",
            Email = view.Profile.Email ?? "",
            Status = (V1.AccountStatus)(int)view.Status,
            CreatedAt = Timestamp.FromDateTimeOffset(view.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(view.UpdatedAt),
            HasPassword = view.HasPassword,
            Version = view.Version,
        };
        account.OrganizationIds.AddRange(view.OrganizationIds.IsDefault ? [] : view.OrganizationIds);
        account.ExternalIds.AddRange((view.ExternalIds.IsDefault ? [] : view.ExternalIds).Select(ToProto));
        account.Attributes.Add(view.Profile.AttributesOrEmpty);
        return account;
    }

    public static Organization ToProto(this OrganizationView view) => new()
    {
        OrganizationId = view.OrganizationId,
        Name = view.Name,
        ParentId = view.ParentId ?? "",
        ExternalId = view.ExternalId?.ToProto(),
        Order = view.Order,
        Code = view.Code ?? "",
        Depth = view.Depth,
        Version = view.Version,
        CreatedAt = Timestamp.FromDateTimeOffset(view.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(view.UpdatedAt),
    };

    public static V1.ExternalId ToProto(this Domain.ExternalId id) => new() { Source = id.Source, Value = id.Value };

    public static WatchChangesResponse ToProto(this ChangeEntry entry)
    {
        var change = new WatchChangesResponse
        {
            ResumeToken = PageTokens.Encode(PageTokens.Changes, entry.Sequence),
            Sequence = entry.Sequence,
            OccurredAt = Timestamp.FromDateTimeOffset(entry.At),
            ObjectType = entry.ObjectKind == DirectoryObjectKind.Account ? "account" : "organization",
            ObjectId = entry.ObjectId,
            Version = entry.Version,
        };
        change.Kinds.AddRange(Kinds(entry.Kinds));
        if (entry.Account is { } account)
        {
            change.Account = account.ToProto();
        }
        else if (entry.Organization is { } organization)
        {
            change.Organization = organization.ToProto();
        }

        return change;
    }

    private static IEnumerable<ChangeKind> Kinds(ChangeKinds kinds)
    {
        (ChangeKinds Flag, ChangeKind Kind)[] map =
        [
            (ChangeKinds.Created, ChangeKind.Created),
            (ChangeKinds.Updated, ChangeKind.Updated),
            (ChangeKinds.Moved, ChangeKind.Moved),
            (ChangeKinds.StatusChanged, ChangeKind.StatusChanged),
            (ChangeKinds.Deleted, ChangeKind.Deleted),
            (ChangeKinds.Rebound, ChangeKind.Rebound),
        ];
        return map.Where(pair => kinds.HasFlag(pair.Flag)).Select(pair => pair.Kind);
    }
}
