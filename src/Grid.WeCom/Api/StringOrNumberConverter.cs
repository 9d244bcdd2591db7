using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grid.WeCom.Api;

/// <summary>Reads a string field that some WeCom responses and SDK samples send as a number (e.g. gender).</summary>
internal sealed class StringOrNumberConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => reader.TryGetInt64(out var number)
                ? number.ToString(CultureInfo.InvariantCulture)
                : throw new JsonException("Expected an integer or a string."),
            _ => throw new JsonException("Expected an integer or a string."),
        };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
