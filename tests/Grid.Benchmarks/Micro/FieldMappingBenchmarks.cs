using BenchmarkDotNet.Attributes;
using Grid.Benchmarks.Fixtures;
using Grid.Sync.Mapping;
using Grid.Sync.Sources;

namespace Grid.Benchmarks.Micro;

/// <summary>
/// Evaluating the default field mappings (compiled once, as the planner does) for one member. Baseline: hand-written
/// C# computing the same seven values into an array; what the mappings would cost if they were code.
/// </summary>
[Config(typeof(MicroConfig))]
[MemoryDiagnoser]
public class FieldMappingBenchmarks
{
    private CompiledFieldMappings _mappings = null!;
    private SourceMember _member = null!;

    [GlobalSetup]
    public void Setup()
    {
        _mappings = FieldMappingSet.Default.Compile();
        _member = SourceModel.ToSource(Samples.Member);
        string[] expectedTargets = ["display_name", "email", "job_title", "mobile", "nickname", "phone", "username"];
        if (!_mappings.AccountTargets.SequenceEqual(expectedTargets) || !Compiled().Values.SequenceEqual(HandWritten()))
        {
            throw new InvalidOperationException("The hand-written baseline no longer computes what the default mappings do.");
        }
    }

    // In the compiled mappings' order: target names sorted ordinally.
    [Benchmark(Baseline = true, Description = "hand-written C#")]
    public string[] HandWritten()
    {
        var member = _member;
        return
        [
            member.Name,
            !string.IsNullOrWhiteSpace(member.BizMail) ? member.BizMail : !string.IsNullOrWhiteSpace(member.Email) ? member.Email : "",
            member.Position,
            member.Mobile ?? "",
            member.Alias,
            member.Telephone,
            member.UserId,
        ];
    }

    [Benchmark(Description = "CompiledFieldMappings.Preview (defaults)")]
    public FieldValues Compiled() => _mappings.Preview(_member);
}
