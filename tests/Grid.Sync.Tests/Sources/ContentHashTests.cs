using Grid.Sync.Sources;

namespace Grid.Sync.Tests.Sources;

public sealed class ContentHashTests
{
    [Fact]
    public void ToString_ThenParse_RoundTrips()
    {
        var hash = new ContentHash(0x0123456789abcdef, 0xfedcba9876543210);

        Assert.Equal("0123456789abcdeffedcba9876543210", hash.ToString());
        Assert.Equal(hash, ContentHash.Parse(hash.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0123456789abcdeffedcba987654321")]
    [InlineData("0123456789abcdeffedcba98765432100")]
    [InlineData("0123456789abcdefXedcba9876543210")]
    public void Parse_WhenNotThirtyTwoHexDigits_Throws(string text)
    {
        Assert.Throws<FormatException>(() => ContentHash.Parse(text));
    }
}
