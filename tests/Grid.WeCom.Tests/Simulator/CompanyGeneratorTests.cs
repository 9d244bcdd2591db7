using System.Diagnostics;
using Grid.WeCom.Simulator.Generation;
using Grid.WeCom.Simulator.Model;
using Xunit.Abstractions;

namespace Grid.WeCom.Tests.Simulator;

public sealed class CompanyGeneratorTests(ITestOutputHelper output)
{
    [Fact]
    public void Generate_WithTheSameSeed_GivesTheSameCompany()
    {
        var first = CompanyGenerator.Generate(seed: 42, members: 2_000, departments: 150);
        var second = CompanyGenerator.Generate(seed: 42, members: 2_000, departments: 150);

        Assert.Equal(first.CorpId, second.CorpId);
        Assert.Equal(first.DefaultApp.Secret, second.DefaultApp.Secret);
        Assert.Equal(first.Departments, second.Departments);
        Assert.Equal(Describe(first), Describe(second));
    }

    [Fact]
    public void Generate_WithAnotherSeed_GivesAnotherCompany()
    {
        var first = CompanyGenerator.Generate(seed: 1, members: 500, departments: 40);
        var second = CompanyGenerator.Generate(seed: 2, members: 500, departments: 40);

        Assert.NotEqual(first.CorpId, second.CorpId);
        Assert.NotEqual(Describe(first), Describe(second));
    }

    [Fact]
    public void Generate_GivesARealisticDirectory()
    {
        var company = CompanyGenerator.Generate(seed: 3, members: 20_000, departments: 1_000);

        Assert.Equal(20_000, company.MemberCount);
        Assert.Equal(1_000, company.DepartmentCount);
        var depths = company.Departments.Select(d => company.DepthOf(d.Id)).ToList();
        Assert.True(depths.Max() <= SimulatedCompany.MaxDepth, $"deepest department is at level {depths.Max()}");
        var typical = depths.Count(d => d is >= 3 and <= 6) / (double)depths.Count;
        Assert.True(typical > 0.6, $"only {typical:P0} of departments are 3-6 levels deep");
        Assert.Contains(company.Departments, d => d.Name.Any(c => c >= 0x4E00) && d.NameEn.Length > 0);

        var members = company.Members;
        Assert.All(members, m =>
        {
            Assert.InRange(m.Departments.Count, 1, 3);
            Assert.Contains(m.EffectiveMainDepartment, m.Departments);
            Assert.NotEmpty(m.Mobile);
            Assert.NotEmpty(m.Email);
            Assert.NotEmpty(m.Position);
        });
        Assert.Equal(members.Count, members.Select(m => m.UserId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(members.Count, members.Select(m => m.Mobile).Distinct().Count());
        Assert.Contains(members, m => m.Departments.Count == 3);
        Assert.Contains(members, m => m.Status == MemberStatus.Disabled);
        Assert.Contains(members, m => m.Status == MemberStatus.NotActivated);
        Assert.Contains(members, m => m.Name.Any(c => c >= 0x4E00));
        Assert.Contains(members, m => m.Name.Contains(' ', StringComparison.Ordinal));
        Assert.Contains(members, m => m.DirectLeaders.Count > 0);
        Assert.True(company.Departments.Count(d => company.DepartmentLeaders(d.Id).Count > 0) > 500, "most departments should have a leader");
    }

    [Fact]
    public void Generate_OneHundredThousandMembers_MakesThemAll_AndPrintsWhatItCost()
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var started = Stopwatch.GetTimestamp();
        var company = CompanyGenerator.Generate(seed: 100, members: 100_000, departments: 5_000);
        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        cpu = process.TotalProcessorTime - cpu;
        allocated = GC.GetTotalAllocatedBytes() - allocated;

        Assert.Equal(100_000, company.MemberCount);
        Assert.Equal(5_000, company.DepartmentCount);
        // Process CPU time includes other tests running in parallel; wall time includes machine load.
        output.WriteLine(
            $"Generated 100,000 members in 5,000 departments in {elapsed.TotalMilliseconds:N0} ms wall, {cpu.TotalMilliseconds:N0} ms process CPU, "
            + $"{allocated / 1_000_000:N0} MB allocated; deepest level {company.Departments.Max(d => company.DepthOf(d.Id))}.");
    }

    private static string Describe(SimulatedCompany company) =>
        string.Join('\n', company.Members.Select(m =>
            $"{m.UserId}|{m.Name}|{string.Join(',', m.Departments)}|{m.MainDepartment}|{m.Mobile}|{m.Status}|{string.Join(',', m.IsLeaderInDept)}|{string.Join(',', m.DirectLeaders)}"));
}
