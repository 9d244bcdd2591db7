using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Events;
using Grid.Abstractions.Sync;
using Grid.Grains.Events;
using Grid.Grains.Tests.Sync;
using Grid.Testing;
using Grid.WeCom.Simulator.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tests.Faults;

/// <summary>
/// The incremental-apply column of the WeCom fault matrix (tests/README.md) through the event inbox, as a callback is
/// applied: the event is in the journal, the inbox applies it with the real applier against the simulator, and the
/// fault is injected on user/get (department/get for a department). A fault the client gets past is applied at once; a
/// fault on one attempt leaves the event failed with the reason and it is applied on the retry; a fault on every
/// attempt parks it with the reason after <see cref="FaultMatrixClusterFixture.MaxEventAttempts"/> attempts. In no row
/// is an account deleted or disabled: 60011 and 60111 mean "gone" only when user/list_id agrees.
/// </summary>
[Collection(FaultMatrixCollection.Name)]
public sealed class IncrementalFaultMatrixTests(FaultMatrixClusterFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private static int _nextEvent;

    public static TheoryData<string, bool> Matrix()
    {
        var data = new TheoryData<string, bool>();
        foreach (var kind in WeComFaults.Kinds.Append("60111"))
        {
            data.Add(kind, false);
            data.Add(kind, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task MemberEvent_WithAFaultOnUserGet_IsAppliedOnceWeComAnswers_OrParkedWithTheReason_AndNeverDeletes(string kind, bool always)
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 6, departments: 2);
        Assert.Equal(SyncRunState.Succeeded, (await scenario.RunAsync()).State);
        var member = scenario.ActiveMembers[0];
        scenario.Company.UpdateMember(member.UserId, m => m with { Name = "改名" + m.Name });
        var before = (await scenario.AccountOfAsync(member.UserId))!;

        var failsAnAttempt = always || !SyncFaultMatrixTests.Retried(kind);
        WeComEvent? failed = null;
        WeComEvent final;
        var rule = WeComFaults.Inject(fixture.Simulator.Faults, "user/get", kind, always);
        try
        {
            var id = await NotifyAsync(scenario, WeComEventChanges.UpdateUser, userId: member.UserId);
            if (failsAnAttempt)
            {
                failed = await WaitAsync(scenario, id, e => e.Status is WeComEventStatus.Failed or WeComEventStatus.Parked, "failed");
            }

            final = await WaitAsync(scenario, id, e => e.Status is WeComEventStatus.Applied or WeComEventStatus.Parked, "applied or parked");
        }
        finally
        {
            fixture.Simulator.Faults.Remove(rule);
        }

        var after = (await scenario.AccountOfAsync(member.UserId))!;
        Assert.True(rule.Hits > 0, $"{kind}: the fault was never hit");
        Assert.Equal(AccountStatus.Active, after.Status);
        if (failsAnAttempt)
        {
            Assert.Contains(Reason(kind), failed!.Error, StringComparison.Ordinal);
        }

        if (always)
        {
            Assert.True(final.Status == WeComEventStatus.Parked, $"{kind}: {final.Status} {final.Error}");
            Assert.Equal(FaultMatrixClusterFixture.MaxEventAttempts, final.Attempts);
            Assert.Contains(Reason(kind), final.Error, StringComparison.Ordinal);
            Assert.Equal(before.Profile.DisplayName, after.Profile.DisplayName);
            return;
        }

        Assert.True(final.Status == WeComEventStatus.Applied, $"{kind} once: {final.Status} {final.Error}");
        Assert.Equal(failsAnAttempt ? 2 : 1, final.Attempts);
        Assert.Equal("改名" + member.Name, after.Profile.DisplayName);
    }

    [Theory]
    [InlineData("60011")]
    [InlineData("60003")]
    public async Task DepartmentEvent_WhoseDepartmentWeComStillLists_IsParked_AndItsOrganizationKept(string errCode)
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 4, departments: 3);
        Assert.Equal(SyncRunState.Succeeded, (await scenario.RunAsync()).State);
        var department = scenario.Company.Departments.First(d => d.Id != 1);
        var before = (await scenario.OrganizationOfAsync(department.Id))!;

        WeComEvent final;
        var rule = fixture.Simulator.Faults.ReturnErrCode("department/get", int.Parse(errCode, CultureInfo.InvariantCulture), 1000);
        try
        {
            var id = await NotifyAsync(scenario, WeComEventChanges.UpdateParty, departmentId: department.Id);
            final = await WaitAsync(scenario, id, e => e.Status is WeComEventStatus.Applied or WeComEventStatus.Parked
                or WeComEventStatus.Ignored or WeComEventStatus.Held, "finished");
        }
        finally
        {
            fixture.Simulator.Faults.Remove(rule);
        }

        var after = await scenario.OrganizationOfAsync(department.Id);
        Assert.True(final.Status == WeComEventStatus.Parked, $"{errCode}: {final.Status} {final.Error}");
        Assert.Contains("errcode " + errCode, final.Error, StringComparison.Ordinal);
        Assert.Contains("department/simplelist lists the department", final.Error, StringComparison.Ordinal);
        Assert.Equal(before.OrganizationId, after?.OrganizationId);
    }

    [Fact]
    public async Task MemberEvent_ForAMemberOutsideTheVisibleScope_WhomUserListIdConfirms_IsADelete()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 6, departments: 3);
        Assert.Equal(SyncRunState.Succeeded, (await scenario.RunAsync()).State);
        var company = scenario.Company;
        var agentId = company.DefaultApp.AgentId;
        var member = scenario.ActiveMembers[0];

        // The member stays in WeCom, but the app no longer sees its departments (only the others and a new one that
        // are neither the member's nor above them): user/get answers 60011 and user/list_id does not list it.
        var parents = company.Departments.ToDictionary(d => d.Id, d => d.ParentId);
        var above = new HashSet<int>();
        foreach (var id in member.Departments)
        {
            var d = id;
            while (d != 0 && above.Add(d))
            {
                d = parents.GetValueOrDefault(d);
            }
        }

        company.AddDepartment(new SimulatedDepartment { Id = 9100, Name = "范围", ParentId = 1 });
        company.SetVisibleScope(agentId, [9100, .. company.Departments.Where(d => d.Id != 9100 && !above.Contains(d.Id)).Select(d => d.Id)]);
        Assert.False(company.IsVisibleTo(agentId, member.UserId));
        var eventId = await NotifyAsync(scenario, WeComEventChanges.UpdateUser, userId: member.UserId);
        var final = await WaitAsync(scenario, eventId, e => !e.IsUnfinished, "finished");

        Assert.True(final.Status == WeComEventStatus.Applied, $"{final.Status} {final.Error}");
        Assert.NotEqual(AccountStatus.Active, (await scenario.AccountOfAsync(member.UserId))?.Status ?? AccountStatus.Deleted);
    }

    // What the event's reason names for each fault: the errcode, the HTTP status, the timeout, or the transport error.
    private static string Reason(string kind) => kind switch
    {
        "5xx" => "HTTP 503",
        "timeout" => "did not answer in time",
        "reset" or "truncated" => "HttpRequestException",
        _ => "errcode " + kind,
    };

    // The event as the receiver would store it, then the inbox told of it.
    private async Task<long> NotifyAsync(SyncScenario scenario, string changeType, string? userId = null, long? departmentId = null)
    {
        var journal = fixture.SiloServices.GetRequiredService<IEventJournal>();
        var now = DateTimeOffset.UtcNow;
        var key = "fault-" + Interlocked.Increment(ref _nextEvent).ToString(CultureInfo.InvariantCulture);
        var stored = await journal.AppendAsync(
            new NewWeComEvent(scenario.TenantId, SyncScenario.ConnectorId, key, changeType, userId, null, departmentId, null,
                scenario.Company.CorpId, now, now, WeComEventStatus.Durable),
            CancellationToken.None);
        await Inbox(scenario).Notify([stored.Event]);
        return stored.Event.Id;
    }

    private IWeComEventInboxGrain Inbox(SyncScenario scenario) =>
        fixture.Client.GetGrain<IWeComEventInboxGrain>(GridKeys.Connector(scenario.TenantId, SyncScenario.ConnectorId));

    private async Task<WeComEvent> WaitAsync(SyncScenario scenario, long id, Func<WeComEvent, bool> done, string what)
    {
        var journal = fixture.SiloServices.GetRequiredService<IEventJournal>();
        return await Eventually.MatchAsync(
            async () => (await journal.GetAsync(scenario.TenantId, SyncScenario.ConnectorId, id, CancellationToken.None))!,
            done, Bound, $"event {id} to be {what}", e => $"{e.Status} after {e.Attempts} attempts: {e.Error}");
    }
}
