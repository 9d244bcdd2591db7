using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Grains.Sync;
using Grid.Sync.Mapping;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.State;

namespace Grid.Grains.Tests.Sync;

/// <summary>
/// The member grain writes only what it alone holds (consent, userid history, a departure); its account link and the
/// rest of its view come from the roster, also in a fresh activation.
/// </summary>
[Collection(SyncCollection.Name)]
public sealed class MemberGrainStateTests(SyncClusterFixture fixture)
{
    [Fact]
    public async Task FirstSync_WritesNoMemberState_AndAFreshActivationTakesItsViewFromTheRoster()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 12, departments: 3);
        var before = fixture.Writes.Snapshot();

        var run = await scenario.RunAsync();

        Assert.Equal(SyncRunState.Succeeded, run.State);
        var writes = fixture.Writes.Since(before);
        Assert.False(writes.ContainsKey("wecom-member"), $"member-grain writes: {writes.GetValueOrDefault("wecom-member")}");
        Assert.True(writes.GetValueOrDefault("account") >= scenario.Company.MemberCount);
        foreach (var member in scenario.Company.Members)
        {
            var grain = scenario.Member(member.UserId);
            var linked = (await grain.Get())!.AccountId;
            await fixture.Cluster.DeactivateAsync(grain);

            var view = Assert.IsType<WeComMemberView>(await grain.Get());
            Assert.Equal(member.UserId, view.UserId);
            Assert.Equal(linked, view.AccountId);
            Assert.Equal(member.UserId, (await scenario.Account(view.AccountId!).Get())!.Profile.Username);
            Assert.Equal(run.RunId, view.LastRunId);
            Assert.NotNull(view.SourceHash);
            Assert.NotNull(view.LastSyncedAt);
        }
    }

    [Fact]
    public async Task DeletedMember_IsRecordedAsDeparted_AndAnOlderObservationIsSuperseded()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 8, departments: 2);
        await scenario.RunAsync();
        var deleted = scenario.ActiveMembers[1].UserId;
        var accountId = (await scenario.Member(deleted).Get())!.AccountId!;
        scenario.Company.DeleteMember(deleted);
        var before = fixture.Writes.Snapshot();

        var run = await scenario.RunAsync();

        Assert.Equal(1, fixture.Writes.Since(before).GetValueOrDefault("wecom-member"));
        var grain = scenario.Grains.GetGrain<IWeComMemberSyncGrain>(SyncKeys.Member(scenario.TenantId, SyncScenario.ConnectorId, deleted));
        await fixture.Cluster.DeactivateAsync(grain);
        var view = Assert.IsType<WeComMemberView>(await grain.Get());
        Assert.Null(view.AccountId);
        Assert.Equal(run.RunId, view.LastRunId);
        Assert.NotNull(view.LastSyncedAt);

        // A step observed before the delete (a run whose fetch began earlier) does not bring the account back.
        var stale = new AccountUpdate(deleted, accountId, Fields(deleted), [], AccountStatus.Active, Mapped(accountId));
        var applied = await grain.Apply(stale, new SyncStepContext("stale-run", scenario.ExternalIdSource, view.LastSyncedAt!.Value.AddMinutes(-1)));
        Assert.True(applied.Superseded);
        Assert.Equal(AccountStatus.Deleted, (await scenario.Account(accountId).Get())!.Status);
    }

    [Fact]
    public async Task Create_WhoseEarlierAttemptMadeTheAccountButWasNotRecorded_LinksThatAccountRatherThanADuplicate()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 1, departments: 1);
        const string userId = "unrecorded";
        var externalId = new ExternalId(scenario.ExternalIdSource, userId);

        // An earlier attempt created the account under its planned id and died before the roster recorded the step.
        var earlier = await scenario.Account("acc_earlier_attempt").Create(new AccountSpec(
            new AccountProfile(userId, "Earlier", null, null), AccountStatus.Active, [GridKeys.RootOrganizationId], [externalId]));
        var grain = scenario.Grains.GetGrain<IWeComMemberSyncGrain>(SyncKeys.Member(scenario.TenantId, SyncScenario.ConnectorId, userId));
        var context = new SyncStepContext("retry-run", scenario.ExternalIdSource, DateTimeOffset.UtcNow);

        var again = await grain.Apply(Create(userId, earlier.AccountId), context);
        await fixture.Cluster.DeactivateAsync(grain);
        var replanned = await grain.Apply(Create(userId, "acc_replanned"), context with { RunId = "replanned-run" });

        Assert.Equal(earlier.AccountId, again.Target);
        Assert.Equal(earlier.AccountId, replanned.Target);
        Assert.Null(await scenario.Account("acc_replanned").Get());
        Assert.Equal("Zhang San", (await scenario.Account(earlier.AccountId).Get())!.Profile.DisplayName);
    }

    [Fact]
    public async Task StateWrittenByEarlierVersions_StillReads_WithTheLinkFromTheRoster()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 4, departments: 1);
        await scenario.RunAsync();
        var member = scenario.ActiveMembers[0].UserId;
        var grain = scenario.Member(member);
        var linked = (await grain.Get())!;
        await fixture.Cluster.DeactivateAsync(grain);
        var expires = DateTimeOffset.UtcNow.AddDays(30);

        // As the version before this one wrote it after a step: its link, the member, the run and the observation
        // (the same as the roster entry's), with consent and history.
        var old = new WeComMemberStateBefore
        {
            UserId = member,
            AccountId = linked.AccountId,
            Member = new WeComMemberRecordBefore(member, "Old Name", [1]),
            LastSyncedAt = DateTimeOffset.UtcNow,
            LastRunId = linked.LastRunId,
            ConsentedFields = new() { ["mobile"] = "+8613800000000" },
            ConsentGivenAt = DateTimeOffset.UtcNow,
            ConsentExpiresAt = expires,
            PreviousUserIds = ["earlier.id"],
            ObservedAt = linked.LastSyncedAt,
        };
        await fixture.Storage.WriteStateAsync("wecom-member", grain.GetGrainId(), new GrainState<WeComMemberStateBefore>(old));

        var view = Assert.IsType<WeComMemberView>(await grain.Get());
        Assert.Equal(linked.AccountId, view.AccountId);
        Assert.Equal(linked.LastRunId, view.LastRunId);
        Assert.Equal("+8613800000000", view.ConsentedFields["mobile"]);
        Assert.Equal(expires, view.ConsentExpiresAt);
        Assert.Equal<string>(["earlier.id"], view.PreviousUserIds);
    }

    private static FieldValues Fields(string userId) => new([new("display_name", "Zhang San"), new("username", userId)]);

    private static MappedMember Mapped(string accountId) =>
        new(accountId, new ContentHash(1, 2), new ContentHash(3, 4), [GridKeys.RootOrganizationId], AccountStatus.Active);

    private static AccountCreate Create(string userId, string accountId) =>
        new(userId, accountId, Fields(userId), [GridKeys.RootOrganizationId], AccountStatus.Active, Mapped(accountId));
}

/// <summary>The member grain's state as the version before this one stored it: a type of its own with the same ids.</summary>
[GenerateSerializer]
public sealed class WeComMemberStateBefore
{
    [Id(0)]
    public string? UserId { get; set; }

    [Id(1)]
    public string? AccountId { get; set; }

    [Id(2)]
    public WeComMemberRecordBefore? Member { get; set; }

    [Id(4)]
    public DateTimeOffset? LastSyncedAt { get; set; }

    [Id(5)]
    public string? LastRunId { get; set; }

    [Id(6)]
    public Dictionary<string, string> ConsentedFields { get; set; } = new(StringComparer.Ordinal);

    [Id(7)]
    public DateTimeOffset? ConsentGivenAt { get; set; }

    [Id(8)]
    public DateTimeOffset? ConsentExpiresAt { get; set; }

    [Id(9)]
    public List<string> PreviousUserIds { get; set; } = [];

    [Id(11)]
    public DateTimeOffset? ObservedAt { get; set; }
}

/// <summary>The first fields of the retired member record (a nested object the new shape must skip).</summary>
[GenerateSerializer]
public sealed record WeComMemberRecordBefore(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Name,
    [property: Id(2)] ImmutableArray<long> Departments);
