using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grid.EndToEnd.Tests.Corpus;

/// <summary>
/// The bad-input corpus: one JSON file per entry under <c>corpus/&lt;area&gt;/</c> (copied beside the tests), read with
/// snake_case names. Tests take the file names as theory data, so each entry is its own test case.
/// </summary>
public static class CorpusFiles
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static TheoryData<string> Names(string area)
    {
        var names = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder(area), "*.json").Order(StringComparer.Ordinal))
        {
            names.Add(Path.GetFileNameWithoutExtension(file));
        }

        return names;
    }

    public static T Read<T>(string area, string name) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(Folder(area), name + ".json")), Options)
        ?? throw new InvalidDataException($"corpus/{area}/{name}.json is empty.");

    private static string Folder(string area) => Path.Combine(AppContext.BaseDirectory, "corpus", area);
}
