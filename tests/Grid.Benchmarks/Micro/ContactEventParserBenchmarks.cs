using System.Xml;
using BenchmarkDotNet.Attributes;
using Grid.Benchmarks.Fixtures;
using Grid.WeCom.Events;

namespace Grid.Benchmarks.Micro;

/// <summary>
/// Classifying one decrypted update_user event into a <see cref="MemberUpdated"/>. Baseline: an XmlReader with the
/// same safe settings reading the same document to the end, building nothing; the least a safe parse must spend.
/// </summary>
[Config(typeof(MicroConfig))]
[MemoryDiagnoser]
public class ContactEventParserBenchmarks
{
    private string _xml = null!;

    [GlobalSetup]
    public void Setup()
    {
        _xml = Samples.UpdateUserXml();
        if (Parse() is not MemberUpdated { Fields.ExtAttr.Count: > 0 } || ReadToEnd() == 0)
        {
            throw new InvalidOperationException("The sample is not parsed as an update_user event with extended attributes.");
        }
    }

    [Benchmark(Baseline = true, Description = "XmlReader to the end (same safe settings)")]
    public int ReadToEnd()
    {
        using var reader = XmlReader.Create(new StringReader(_xml), CreateSafeSettings());
        var nodes = 0;
        while (reader.Read())
        {
            nodes++;
        }

        return nodes;
    }

    [Benchmark(Description = "ContactEventParser.Parse (update_user)")]
    public ContactChange Parse() => ContactEventParser.Parse(_xml);

    // The settings of Grid.WeCom.Xml.SafeXml (internal there), created per document as the parser does.
    private static XmlReaderSettings CreateSafeSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = ContactEventParser.MaxXmlChars,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };
}
