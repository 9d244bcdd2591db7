using System.IO.Hashing;
using BenchmarkDotNet.Attributes;
using Grid.Benchmarks.Fixtures;
using Grid.Sync.Sources;

namespace Grid.Benchmarks.Micro;

/// <summary>
/// Fingerprinting one member for change detection. Baseline: the member's fields written as UTF-8 (numbers as
/// bytes) into one reused buffer and hashed with XxHash128 in one shot, without SourceHash's length tags, null
/// markers or sorted extended attributes; the least a content hash of the member must spend. The third row hashes
/// bytes encoded beforehand: the hash function alone.
/// </summary>
[Config(typeof(MicroConfig))]
[MemoryDiagnoser]
public class SourceHashBenchmarks
{
    private readonly byte[] _buffer = new byte[4096];
    private SourceMember _member = null!;
    private byte[] _encoded = null!;

    [GlobalSetup]
    public void Setup()
    {
        _member = SourceModel.ToSource(Samples.Member);
        _encoded = _buffer[..FloorHash.Encode(_member, _buffer)];
        if (SourceHashOf() == default || ConcatenatedXxHash128() != XxHash128Only())
        {
            throw new InvalidOperationException("The hash benchmarks disagree on their input.");
        }
    }

    [Benchmark(Baseline = true, Description = "fields concatenated + XxHash128")]
    public UInt128 ConcatenatedXxHash128() => FloorHash.Of(_member, _buffer);

    [Benchmark(Description = "SourceHash.Of(member)")]
    public ContentHash SourceHashOf() => SourceHash.Of(_member);

    [Benchmark(Description = "XxHash128 of pre-encoded bytes")]
    public UInt128 XxHash128Only() => XxHash128.HashToUInt128(_encoded);
}
