using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Grid.WeCom.Events;

namespace Grid.WeCom.Tests.Events;

/// <summary>
/// FsCheck property of the event parser: any text, and any documented sample cut or spliced anywhere, parses or is
/// refused with <see cref="ContactEventParseException"/>; never another exception.
/// </summary>
public sealed class ContactEventParserProperties
{
    private static readonly string[] Samples =
        [ContactEventSamples.CreateUser, ContactEventSamples.UpdateUser, ContactEventSamples.DeleteUser, ContactEventSamples.CreateParty];

    private static readonly string[] Splices =
        ["<", ">", "</xml>", "<![CDATA[", "]]>", "&amp;", "&#0;", "&x;", "<!DOCTYPE x>", "\u0000", "<Status>9</Status>", "<CreateTime>-1</CreateTime>", "<Department>a,,1</Department>"];

    [Property(MaxTest = 2000)]
    public Property AnyDocument_ParsesOrThrowsOnlyItsOwnError() =>
        Prop.ForAll(Documents(), xml =>
        {
            try
            {
                Assert.NotNull(ContactEventParser.Parse(xml));
            }
            catch (ContactEventParseException)
            {
                // A clear refusal is the other allowed outcome.
            }
        });

    private static Arbitrary<string> Documents() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
            from sample in Gen.Elements(Samples)
            from at in Gen.Choose(0, sample.Length)
            from cut in Gen.Choose(0, 40)
            from splice in Gen.Elements(Splices)
            select sample[..at] + splice + sample[Math.Min(sample.Length, at + cut)..])
        .ToArbitrary();
}
