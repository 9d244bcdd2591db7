using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grid.Cli.Infrastructure;
using Grid.Contracts.V1;

namespace Grid.Cli.Commands;

/// <summary>
/// The connector file of <c>gridctl wecom configure</c>: the JSON of grid.v1.ConfigureWeComRequest without tenant and
/// connector (<c>{"settings": {...}, "field_mappings": {...}, "thresholds": {...}, "schedule": {...}}</c>), field names
/// exactly the proto's (the names the server's errors use). Protobuf's own JSON parser also takes lowerCamelCase names
/// and reports type errors without the field, so the file is checked against the proto first: an unknown field is
/// refused with the closest known name, a value of the wrong type names its field and the type expected.
/// </summary>
internal static class ConnectorFile
{
    private const int MaxProblems = 10;

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    private static readonly Dictionary<string, string> NotInFile = new(StringComparer.Ordinal)
    {
        ["tenant_id"] = "the tenant is --tenant (or the login's tenant)",
        ["connector_id"] = "the connector is --connector",
    };

    /// <summary>Reads <paramref name="path"/> ('-' for <paramref name="standardInput"/>); a failure is a usage error naming <paramref name="option"/>.</summary>
    public static async Task<ConfigureWeComRequest> ReadAsync(string path, string option, TextReader standardInput, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(standardInput);
        string json;
        try
        {
            json = path == "-" ? await standardInput.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"cannot read {option} {path}: {ex.Message}");
        }

        var problems = Check(json);
        if (problems.Count > 0)
        {
            var shown = string.Join("; ", problems.Take(MaxProblems));
            var more = problems.Count > MaxProblems ? $"; and {problems.Count - MaxProblems} more" : "";
            throw new CliException(ExitCodes.Usage, $"cannot read {option} {path}: {shown}{more}");
        }

        try
        {
            return Parser.Parse<ConfigureWeComRequest>(json);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException)
        {
            throw new CliException(ExitCodes.Usage, $"cannot read {option} {path}: {ex.Message}");
        }
    }

    /// <summary>What is wrong with <paramref name="json"/> as a connector file: one line per problem, each naming its field.</summary>
    public static IReadOnlyList<string> Check(string json)
    {
        var problems = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(json);
            CheckMessage(document.RootElement, ConfigureWeComRequest.Descriptor, "", problems);
        }
        catch (JsonException ex)
        {
            problems.Add($"not JSON: {ex.Message}");
        }

        return problems;
    }

    private static void CheckMessage(JsonElement element, MessageDescriptor descriptor, string path, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{Name(path)}: expected an object, got {Kind(element)}");
            return;
        }

        var root = path.Length == 0;
        var known = descriptor.Fields.InDeclarationOrder().Select(field => field.Name).Where(name => !root || !NotInFile.ContainsKey(name)).ToList();
        foreach (var property in element.EnumerateObject())
        {
            var field = descriptor.FindFieldByName(property.Name);
            var name = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (root && NotInFile.TryGetValue(property.Name, out var instead))
            {
                problems.Add($"{name}: not part of a connector file ({instead})");
            }
            else if (field is null)
            {
                problems.Add(UsageErrors.Closest(property.Name, known) is { } closest
                    ? $"{name}: unknown field; did you mean '{closest}'?"
                    : $"{name}: unknown field (known: {string.Join(", ", known)})");
            }
            else if (field.IsRepeated && !field.IsMap)
            {
                CheckList(property.Value, field, name, problems);
            }
            else
            {
                CheckValue(property.Value, field, name, problems);
            }
        }
    }

    private static void CheckList(JsonElement value, FieldDescriptor field, string name, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{name}: expected an array of {Expected(field)}, got {Kind(value)}");
            return;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            CheckValue(item, field, string.Create(CultureInfo.InvariantCulture, $"{name}[{index++}]"), problems);
        }
    }

    private static void CheckValue(JsonElement value, FieldDescriptor field, string name, List<string> problems)
    {
        if (field.FieldType == FieldType.Message && field.MessageType.FullName != Timestamp.Descriptor.FullName)
        {
            CheckMessage(value, field.MessageType, name, problems);
            return;
        }

        var fits = field.FieldType switch
        {
            FieldType.Bool => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
            FieldType.UInt32 or FieldType.Fixed32 => value.ValueKind == JsonValueKind.Number && value.TryGetUInt32(out _),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 or FieldType.UInt64 or FieldType.Fixed64 =>
                value.ValueKind == JsonValueKind.Number ? value.TryGetInt64(out _) : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), CultureInfo.InvariantCulture, out _),
            FieldType.Float or FieldType.Double => value.ValueKind == JsonValueKind.Number,
            FieldType.Enum => value.ValueKind == JsonValueKind.String && field.EnumType.FindValueByName(value.GetString()!) is not null,
            _ => value.ValueKind == JsonValueKind.String,
        };
        if (!fits)
        {
            var hint = field.FieldType == FieldType.String && value.ValueKind == JsonValueKind.Number ? $" (write it in quotes: \"{value.GetRawText()}\")" : "";
            problems.Add($"{name}: expected {Expected(field)}, got {Kind(value)}{hint}");
        }
    }

    private static string Expected(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Bool => "true or false",
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 or FieldType.UInt32 or FieldType.Fixed32
            or FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 or FieldType.UInt64 or FieldType.Fixed64 => "an integer",
        FieldType.Float or FieldType.Double => "a number",
        FieldType.Enum => $"one of {string.Join(", ", field.EnumType.Values.Select(value => $"\"{value.Name}\""))}",
        FieldType.Message when field.MessageType.FullName == Timestamp.Descriptor.FullName => "an RFC 3339 time as a string",
        FieldType.Message => "an object",
        _ => "a string",
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        // Strings are not echoed: a secret pasted into the wrong field must not reach the terminal or a CI log.
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {Shortened(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    // A number is echoed to say what was found, never a long one whole.
    private static string Shortened(string raw) => raw.Length <= 24 ? raw : raw[..20] + "…";

    private static string Name(string path) => path.Length == 0 ? "the file" : path;
}
