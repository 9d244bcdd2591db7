using System.Text.Json;
using Grid.Abstractions.Directory;
using Grid.Sync.Mapping;
using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.State;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Grid.Grains.Tests.Sync;

/// <summary>The planner's steps are what run chunks store and the member and department grains receive.</summary>
public sealed class PlanStepSerializationTests
{
    private static readonly FieldValues AccountFields = new([new("display_name", "Zhang San"), new("username", "zhangsan")]);
    private static readonly FieldValues OrganizationFields = new([new("code", "2"), new("name", "Sales")]);
    private static readonly MappedMember Member = new("acc_1", new ContentHash(1, 2), new ContentHash(3, 4), ["org_a", "org_b"], AccountStatus.NotActivated);
    private static readonly MappedDepartment Department = new("org_a", 1, "org_root", "Sales", new ContentHash(5, 6), new ContentHash(7, 8));

    public static TheoryData<SyncStep> Steps() =>
    [
        new OrganizationCreate(2, "org_a", 1, "org_root", OrganizationFields, Department),
        new OrganizationUpdate(2, "org_a", 2, OrganizationFields, "org_b", Department),
        new OrganizationUpdate(2, "org_a", 2, null, null, Department),
        new DepartmentRefresh(2, "org_a", 1, Department),
        new OrganizationDelete(2, "org_a", 3),
        new AccountCreate("ZhangSan", "acc_1", AccountFields, ["org_a"], AccountStatus.Active, Member),
        new AccountAdopt("ZhangSan", "acc_1", "zhangsan", AccountFields, ["org_a"], AccountStatus.Disabled, Member),
        new AccountUpdate("ZhangSan", "acc_1", AccountFields, ["org_b"], AccountStatus.Disabled, Member),
        new AccountUpdate("ZhangSan", "acc_1", null, null, null, Member),
        new AccountRebind("zhangsan2", "ZhangSan", "acc_1", AccountFields, ["org_a"], AccountStatus.Active, Member),
        new AccountRecreate("zhangsan2", "ZhangSan", "acc_1", "acc_2", AccountFields, ["org_a"], AccountStatus.Active, Member),
        new MemberRefresh("ZhangSan", "acc_1", Member),
        new AccountDelete("ZhangSan", "acc_1", AccountDeleteReason.Left),
    ];

    [Theory]
    [MemberData(nameof(Steps))]
    public void Step_RoundTripsThroughTheOrleansSerializer_WithEveryPart(SyncStep step)
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        var back = serializer.Deserialize<SyncStep>(serializer.SerializeToArray(step));

        Assert.IsType(step.GetType(), back);
        Assert.Equal(step.Id, back.Id);
        Assert.Equal(Parts(step), Parts(back));
    }

    // Records compare FieldValues and ImmutableArray by reference: compare what they hold instead.
    private static string Parts(SyncStep step) => JsonSerializer.Serialize(step, step.GetType());
}
