using Grid.Abstractions.Tenants;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Tenants;

[Collection(ClusterCollection.Name)]
public sealed class AuditLogGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Append_KeepsControlCharactersEscaped_AndFieldsBounded_SoNoValueForgesAnEntry()
    {
        var log = fixture.Client.GetGrain<IAuditLogGrain>(TestIds.NewTenantId());
        var forged = "Acme\n2026-01-01T00:00:00Z gc_platform tenant.delete tenant/other";

        await log.Append([new AuditEntry(0, DateTimeOffset.UtcNow, "gc_x\r\u001b[2K", "tenant.create", "tenant/a\0b", $"created tenant '{forged}'" + new string('x', 5000))]);
        var entry = Assert.Single((await log.ReadBackward(0, 10)).Entries);

        Assert.Equal(@"gc_x\r\u001b[2K", entry.Actor);
        Assert.Equal(@"tenant/a\0b", entry.Target);
        Assert.StartsWith(@"created tenant 'Acme\n2026-01-01T00:00:00Z gc_platform", entry.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', entry.Summary);
        Assert.Equal(2048 + 1 + 1, entry.Summary.Length); // 2048 characters kept, the newline written as two, then "…"
        Assert.EndsWith("x…", entry.Summary, StringComparison.Ordinal);
    }
}
