using Grid.Sync.Mapping;

namespace Grid.Sync.Tests.Mapping;

public sealed class FieldValuesTests
{
    [Fact]
    public void Constructor_OrdersByNameAndReadsLikeADictionary()
    {
        var values = new FieldValues([new("username", "a"), new("email", "a@x"), new("display_name", "A")]);

        Assert.Equal(["display_name", "email", "username"], values.Keys);
        Assert.Equal(3, values.Count);
        Assert.Equal("a@x", values["email"]);
        Assert.True(values.ContainsKey("username"));
        Assert.False(values.TryGetValue("mobile", out _));
        Assert.Throws<KeyNotFoundException>(() => values["mobile"]);
    }

    [Fact]
    public void Constructor_WhenANameRepeats_Throws()
    {
        Assert.Throws<ArgumentException>(() => new FieldValues([new("email", "a"), new("email", "b")]));
    }
}
