using System.Globalization;

namespace Grid.Sync.Sources;

/// <summary>
/// A 128-bit content fingerprint (XxHash128 over a canonical UTF-8 encoding). Equal content gives an equal hash on
/// every machine and in every process, so hashes may be persisted and compared across runs.
/// </summary>
/// <param name="High">The upper 64 bits.</param>
/// <param name="Low">The lower 64 bits.</param>
[GenerateSerializer, Immutable, Alias("grid.sync.content-hash")]
public readonly record struct ContentHash([property: Id(0)] ulong High, [property: Id(1)] ulong Low)
{
    private const int HexLength = 32;

    /// <summary>32 lower-case hex digits.</summary>
    public override string ToString() => string.Create(HexLength, this, static (span, hash) =>
    {
        hash.High.TryFormat(span[..16], out _, "x16", CultureInfo.InvariantCulture);
        hash.Low.TryFormat(span[16..], out _, "x16", CultureInfo.InvariantCulture);
    });

    /// <summary>Reads the form written by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">The text is not 32 hex digits.</exception>
    public static ContentHash Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != HexLength
            || !ulong.TryParse(text.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            || !ulong.TryParse(text.AsSpan(16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            throw new FormatException($"A content hash is {HexLength} hex digits; got '{text}'.");
        }

        return new ContentHash(high, low);
    }
}
