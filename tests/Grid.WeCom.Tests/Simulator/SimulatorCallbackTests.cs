using Grid.WeCom.Events;
using Grid.WeCom.Simulator.Callbacks;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Tests.Simulator;

public sealed class SimulatorCallbackTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AddMember_DeliversAnEncryptedCreateUser_ThatTheReceiverVerifiesAndDecrypts()
    {
        await using var setup = await Setup.StartAsync();
        var member = SimulatedCompanyTests.Member("wangxiaoming", setup.Department) with { Name = "王小明", Position = "产品经理", Mobile = "13912345678" };

        var change = setup.Company.AddMember(member);
        var delivery = Assert.Single(await change.WhenDeliveredAsync().WaitAsync(Patience));

        Assert.Equal(CallbackDeliveryStatus.Delivered, delivery.Status);
        var received = Assert.Single(setup.Receiver.Received);
        Assert.Null(received.Error);
        Assert.Equal(delivery.Plaintext, received.Plaintext);
        Assert.Contains("<ToUserName><![CDATA[" + setup.Company.CorpId + "]]></ToUserName>", received.Body, StringComparison.Ordinal);
        Assert.Contains("<AgentID><![CDATA[" + setup.AgentId + "]]></AgentID>", received.Body, StringComparison.Ordinal);
        var created = Assert.IsType<MemberCreated>(ContactEventParser.Parse(received.Plaintext!));
        Assert.Equal(setup.Company.CorpId, created.ToUserName);
        Assert.Equal("wangxiaoming", created.UserId);
        Assert.Equal("王小明", created.Fields.Name);
        Assert.Equal([(long)setup.Department], created.Fields.Departments);
        Assert.Equal("产品经理", created.Fields.Position);
        Assert.Equal(setup.Host.TimeProvider.GetUtcNow().ToUnixTimeSeconds(), created.CreateTime.ToUnixTimeSeconds());
        // A new app does not receive sensitive fields in callbacks either.
        Assert.Null(created.Fields.Mobile);
        Assert.Equal("0", created.Fields.Gender);
    }

    [Fact]
    public async Task Callback_AnsweredWithErrors_IsRetried_UpToThreeTriesInTotal()
    {
        await using var setup = await Setup.StartAsync();
        setup.Receiver.Script((500, TimeSpan.Zero), (404, TimeSpan.Zero));

        var change = setup.Company.AddMember(SimulatedCompanyTests.Member("retried", setup.Department));
        var delivery = Assert.Single(await change.WhenDeliveredAsync().WaitAsync(Patience));

        Assert.Equal(CallbackDeliveryStatus.Delivered, delivery.Status);
        Assert.Equal([500, 404, 200], delivery.Attempts.Select(a => a.HttpStatus ?? 0));
        Assert.Equal(3, setup.Receiver.Received.Count);
        Assert.Single(setup.Receiver.Received.Select(r => r.Plaintext).Distinct());
    }

    [Fact]
    public async Task Callback_FailingThreeTimes_IsGivenUp()
    {
        await using var setup = await Setup.StartAsync();
        setup.Receiver.Script((500, TimeSpan.Zero), (502, TimeSpan.Zero), (503, TimeSpan.Zero));

        var change = setup.Company.DeleteMember(setup.Company.MembersOf(setup.Department)[0].UserId);
        var delivery = Assert.Single(await change.WhenDeliveredAsync().WaitAsync(Patience));

        Assert.Equal(CallbackDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(3, delivery.Attempts.Count);
        Assert.All(delivery.Attempts, a => Assert.False(a.Succeeded));
        Assert.Equal(3, setup.Receiver.Received.Count);
    }

    [Fact]
    public async Task Callback_NotAnsweredInTime_IsRetried()
    {
        await using var setup = await Setup.StartAsync(callbackTimeout: TimeSpan.FromSeconds(2));
        setup.Receiver.Script((200, TimeSpan.FromSeconds(30)));

        var change = setup.Company.RenameDepartment(setup.Department, "新名字");
        var delivery = Assert.Single(await change.WhenDeliveredAsync().WaitAsync(Patience));

        Assert.Equal(CallbackDeliveryStatus.Delivered, delivery.Status);
        Assert.Null(delivery.Attempts[0].HttpStatus);
        Assert.Contains("no response", delivery.Attempts[0].Error, StringComparison.Ordinal);
        Assert.Equal(200, delivery.Attempts[1].HttpStatus);
        var updated = Assert.IsType<DepartmentUpdated>(ContactEventParser.Parse(delivery.Plaintext));
        Assert.Equal("新名字", updated.Name);
    }

    [Fact]
    public async Task Callbacks_ArriveInOrder_EvenWhenOneIsRetried()
    {
        await using var setup = await Setup.StartAsync();
        setup.Receiver.Script((500, TimeSpan.Zero));
        var company = setup.Company;

        var changes = new List<SimulatedChange>
        {
            company.AddDepartment(new SimulatedDepartment { Id = 9001, Name = "新部门", NameEn = "New", ParentId = setup.Department, Order = 7 }),
            company.AddMember(SimulatedCompanyTests.Member("mover", 9001)),
            company.ChangeUserId("mover", "mover2"),
            company.DeleteMember("mover2"),
            company.DeleteDepartment(9001),
        };
        foreach (var change in changes)
        {
            await change.WhenDeliveredAsync().WaitAsync(Patience);
        }

        var events = setup.Receiver.Received.Skip(1).Select(r => ContactEventParser.Parse(r.Plaintext!)).ToList();
        Assert.Collection(
            events,
            e => Assert.Equal((9001L, "新部门", (long?)setup.Department, (long?)7), (((DepartmentCreated)e).Id, ((DepartmentCreated)e).Name, ((DepartmentCreated)e).ParentId, ((DepartmentCreated)e).Order)),
            e => Assert.Equal("mover", Assert.IsType<MemberCreated>(e).UserId),
            e => Assert.Equal(("mover", "mover2"), (Assert.IsType<MemberUpdated>(e).UserId, ((MemberUpdated)e).NewUserId)),
            e => Assert.Equal("mover2", Assert.IsType<MemberDeleted>(e).UserId),
            e => Assert.Equal(9001, Assert.IsType<DepartmentDeleted>(e).Id));
        Assert.Equal(setup.Simulator.Callbacks.Deliveries.Select(d => d.Sequence).Order(), setup.Simulator.Callbacks.Deliveries.Select(d => d.Sequence));
    }

    [Fact]
    public async Task Callbacks_GoOnlyToAppsThatSeeTheChange_AndOldAppsGetSensitiveFields()
    {
        await using var setup = await Setup.StartAsync();
        var company = setup.Company;
        var otherBranch = company.ChildrenOf(1).First(d => d.Id != company.FindDepartment(setup.Department)!.ParentId && d.Id != setup.Department);
        company.AddApp(new SimulatedApp
        {
            AgentId = 1000100,
            Secret = "old-secret",
            CreatedAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Callback = new SimulatedCallbackSettings { Url = setup.Receiver.Url, Token = CallbackReceiver.Token, EncodingAesKey = CallbackReceiver.EncodingAesKey },
        });
        company.SetVisibleScope(setup.AgentId, [otherBranch.Id]);

        var change = company.AddMember(SimulatedCompanyTests.Member("visibletoold", setup.Department) with { Mobile = "13700001111" });
        var delivery = Assert.Single(await change.WhenDeliveredAsync().WaitAsync(Patience));

        Assert.Equal(1000100, delivery.AgentId);
        var created = Assert.IsType<MemberCreated>(ContactEventParser.Parse(delivery.Plaintext));
        Assert.Equal("13700001111", created.Fields.Mobile);
    }

    [Fact]
    public async Task WhenIdle_CompletesOnceEveryQueuedCallbackIsSettled()
    {
        await using var setup = await Setup.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            setup.Company.AddMember(SimulatedCompanyTests.Member($"bulk{i}", setup.Department));
        }

        await setup.Simulator.Callbacks.WhenIdleAsync().WaitAsync(Patience);

        Assert.Equal(20, setup.Receiver.Received.Count);
        Assert.All(setup.Simulator.Callbacks.Deliveries, d => Assert.Equal(CallbackDeliveryStatus.Delivered, d.Status));
    }

    /// <summary>A harness whose app posts callbacks to a <see cref="CallbackReceiver"/>.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private Setup(SimulatorHarness harness, CallbackReceiver receiver, int department)
        {
            Harness = harness;
            Receiver = receiver;
            Department = department;
        }

        public SimulatorHarness Harness { get; }

        public CallbackReceiver Receiver { get; }

        /// <summary>A department two levels down, with members.</summary>
        public int Department { get; }

        public SimulatedCompany Company => Harness.Company;

        public Grid.WeCom.Simulator.WeComSimulator Simulator => Harness.Simulator;

        public Grid.WeCom.Simulator.Hosting.WeComSimulatorHost Host => Harness.Host;

        public int AgentId => Harness.AgentId;

        public static async Task<Setup> StartAsync(TimeSpan? callbackTimeout = null)
        {
            var harness = await SimulatorHarness.StartAsync(configure: options =>
            {
                options.Callbacks.Timeout = callbackTimeout ?? TimeSpan.FromSeconds(5);
            });
            var receiver = await CallbackReceiver.StartAsync(harness.Company.CorpId);
            harness.Company.UpdateApp(harness.AgentId, app => app with
            {
                Callback = new SimulatedCallbackSettings { Url = receiver.Url, Token = CallbackReceiver.Token, EncodingAesKey = CallbackReceiver.EncodingAesKey },
            });
            var company = harness.Company;
            var department = company.Departments.First(d => company.DepthOf(d.Id) == 3 && company.MembersOf(d.Id).Count > 0).Id;
            return new Setup(harness, receiver, department);
        }

        public async ValueTask DisposeAsync()
        {
            await Harness.DisposeAsync();
            await Receiver.DisposeAsync();
        }
    }
}
