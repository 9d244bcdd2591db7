using System.Collections.Immutable;
using Grid.Abstractions.Directory;
using Grid.Sync.Planning.Steps;

namespace Grid.Sync.Tests.Support;

/// <summary>
/// A tiny identity platform that refuses what a real one would: an organization under a parent that does not exist
/// (yet), a move that makes a cycle, deleting an organization that still has children or accounts, an account in an
/// organization that does not exist, two accounts linked to one userid. Applying a plan to it proves the plan's
/// order, not only its content.
/// </summary>
internal sealed class FakePlatform
{
    private readonly Dictionary<string, string> accountByUserId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> childCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> accountCounts = new(StringComparer.Ordinal);

    public FakePlatform(string syncNode)
    {
        SyncNode = syncNode;
        Organizations[syncNode] = new Organization(null, ImmutableDictionary<string, string>.Empty);
    }

    public string SyncNode { get; }

    public Dictionary<string, Organization> Organizations { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Account> Accounts { get; } = new(StringComparer.Ordinal);

    public string? AccountOf(string userId) => accountByUserId.GetValueOrDefault(userId);

    public void AddUnlinkedAccount(string accountId, string username) =>
        Accounts.Add(accountId, new Account(null, new Dictionary<string, string> { ["username"] = username }, [SyncNode], AccountStatus.Active));

    public void Apply(SyncStep step)
    {
        switch (step)
        {
            case OrganizationCreate create:
                Require(!Organizations.ContainsKey(create.OrganizationId), $"{step.Id}: organization {create.OrganizationId} already exists");
                RequireOrganization(create.ParentOrganizationId, step);
                Organizations[create.OrganizationId] = new Organization(create.ParentOrganizationId, create.Fields.ToDictionary());
                Increment(childCounts, create.ParentOrganizationId, 1);
                break;
            case OrganizationUpdate update:
                var organization = GetOrganization(update.OrganizationId, step);
                if (update.ParentOrganizationId is { } newParent)
                {
                    RequireOrganization(newParent, step);
                    for (var ancestor = newParent; ancestor is not null; ancestor = Organizations[ancestor].ParentId)
                    {
                        Require(ancestor != update.OrganizationId, $"{step.Id}: moving {update.OrganizationId} under {newParent} makes a cycle");
                    }

                    Increment(childCounts, organization.ParentId!, -1);
                    Increment(childCounts, newParent, 1);
                    organization.ParentId = newParent;
                }

                if (update.Fields is { } fields)
                {
                    organization.Fields = fields.ToDictionary();
                }

                break;
            case DepartmentRefresh refresh:
                GetOrganization(refresh.OrganizationId, step);
                break;
            case OrganizationDelete delete:
                var deleted = GetOrganization(delete.OrganizationId, step);
                Require(childCounts.GetValueOrDefault(delete.OrganizationId) == 0, $"{step.Id}: organization {delete.OrganizationId} still has children");
                Require(accountCounts.GetValueOrDefault(delete.OrganizationId) == 0, $"{step.Id}: organization {delete.OrganizationId} still has accounts");
                Increment(childCounts, deleted.ParentId!, -1);
                Organizations.Remove(delete.OrganizationId);
                break;
            case AccountCreate create:
                Create(create.AccountId, create.UserId, create.Fields, create.OrganizationIds, create.Status, step);
                break;
            case AccountAdopt adopt:
                var adopted = GetAccount(adopt.AccountId, step);
                Require(adopted.UserId is null, $"{step.Id}: account {adopt.AccountId} is already linked to {adopted.UserId}");
                Require(!accountByUserId.ContainsKey(adopt.UserId), $"{step.Id}: userid {adopt.UserId} is already linked");
                adopted.UserId = adopt.UserId;
                accountByUserId[adopt.UserId] = adopt.AccountId;
                adopted.Fields = adopt.Fields.ToDictionary();
                SetOrganizations(adopted, adopt.OrganizationIds, step);
                adopted.Status = adopt.Status;
                break;
            case AccountUpdate update:
                var account = GetAccount(update.AccountId, step);
                Require(string.Equals(account.UserId, update.UserId, StringComparison.OrdinalIgnoreCase), $"{step.Id}: account {update.AccountId} is linked to {account.UserId}");
                if (update.Fields is { } accountFields)
                {
                    account.Fields = accountFields.ToDictionary();
                }

                if (update.OrganizationIds is { } organizations)
                {
                    SetOrganizations(account, organizations, step);
                }

                if (update.Status is { } status)
                {
                    account.Status = status;
                }

                Relink(account, update.UserId, update.AccountId);
                break;
            case AccountRebind rebind:
                var rebound = GetAccount(rebind.AccountId, step);
                Require(string.Equals(rebound.UserId, rebind.PreviousUserId, StringComparison.OrdinalIgnoreCase), $"{step.Id}: account {rebind.AccountId} is linked to {rebound.UserId}, not {rebind.PreviousUserId}");
                accountByUserId.Remove(rebind.PreviousUserId);
                Require(!accountByUserId.ContainsKey(rebind.UserId), $"{step.Id}: userid {rebind.UserId} is already linked");
                Relink(rebound, rebind.UserId, rebind.AccountId);
                rebound.Fields = rebind.Fields.ToDictionary();
                SetOrganizations(rebound, rebind.OrganizationIds, step);
                rebound.Status = rebind.Status;
                break;
            case AccountRecreate recreate:
                Delete(recreate.PreviousAccountId, step);
                Create(recreate.AccountId, recreate.UserId, recreate.Fields, recreate.OrganizationIds, recreate.Status, step);
                break;
            case MemberRefresh refresh:
                var refreshed = GetAccount(refresh.AccountId, step);
                Relink(refreshed, refresh.UserId, refresh.AccountId);
                break;
            case AccountDelete delete:
                Delete(delete.AccountId, step);
                break;
            default:
                throw new InvalidOperationException($"Unknown step {step}");
        }
    }

    private void Create(string accountId, string userId, IReadOnlyDictionary<string, string> fields, ImmutableArray<string> organizations, AccountStatus status, SyncStep step)
    {
        Require(!Accounts.ContainsKey(accountId), $"{step.Id}: account {accountId} already exists");
        Require(!accountByUserId.ContainsKey(userId), $"{step.Id}: userid {userId} is already linked");
        var account = new Account(userId, fields.ToDictionary(), [], status);
        SetOrganizations(account, organizations, step);
        Accounts[accountId] = account;
        accountByUserId[userId] = accountId;
    }

    private void Delete(string accountId, SyncStep step)
    {
        var account = GetAccount(accountId, step);
        SetOrganizations(account, [], step);
        if (account.UserId is not null)
        {
            accountByUserId.Remove(account.UserId);
        }

        Accounts.Remove(accountId);
    }

    // A userid whose case changed keeps its account; the link takes the new spelling.
    private void Relink(Account account, string userId, string accountId)
    {
        if (account.UserId is not null)
        {
            accountByUserId.Remove(account.UserId);
        }

        account.UserId = userId;
        accountByUserId[userId] = accountId;
    }

    private void SetOrganizations(Account account, ImmutableArray<string> organizations, SyncStep step)
    {
        foreach (var organization in organizations)
        {
            RequireOrganization(organization, step);
        }

        foreach (var old in account.OrganizationIds)
        {
            Increment(accountCounts, old, -1);
        }

        account.OrganizationIds = organizations;
        foreach (var organization in organizations)
        {
            Increment(accountCounts, organization, 1);
        }
    }

    private Organization GetOrganization(string id, SyncStep step)
    {
        RequireOrganization(id, step);
        return Organizations[id];
    }

    private Account GetAccount(string id, SyncStep step)
    {
        Require(Accounts.ContainsKey(id), $"{step.Id}: account {id} does not exist");
        return Accounts[id];
    }

    private void RequireOrganization(string id, SyncStep step) =>
        Require(Organizations.ContainsKey(id), $"{step.Id}: organization {id} does not exist");

    private static void Increment(Dictionary<string, int> counts, string key, int delta) =>
        counts[key] = counts.GetValueOrDefault(key) + delta;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    internal sealed class Organization(string? parentId, IReadOnlyDictionary<string, string> fields)
    {
        public string? ParentId { get; set; } = parentId;

        public IReadOnlyDictionary<string, string> Fields { get; set; } = fields;
    }

    internal sealed class Account(string? userId, IReadOnlyDictionary<string, string> fields, ImmutableArray<string> organizationIds, AccountStatus status)
    {
        public string? UserId { get; set; } = userId;

        public IReadOnlyDictionary<string, string> Fields { get; set; } = fields;

        public ImmutableArray<string> OrganizationIds { get; set; } = organizationIds;

        public AccountStatus Status { get; set; } = status;
    }
}
