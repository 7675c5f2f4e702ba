using System.Text.Json;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// The corpus: <c>Fuzz/Corpus/&lt;family&gt;/</c>, every file in it (README.md files aside) a real payload or answer of
/// that family, found at run time so a new file is fuzzed without a code change.
/// </summary>
public static class FuzzCorpus
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus");

    public static IReadOnlyList<CorpusFile> Files(string family)
    {
        var folder = Path.Combine(Folder, family);
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
                .Select(f => new CorpusFile(family, Path.GetRelativePath(folder, f).Replace('\\', '/'), f))
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .ToList()
            : [];
        return files.Count > 0 ? files : throw new InvalidOperationException($"The fuzz corpus has no files for {family} in {folder}.");
    }
}

/// <param name="Name">The path under the family's folder, e.g. <c>open-ticket/success.json</c>.</param>
public sealed record CorpusFile(string Family, string Name, string Path)
{
    /// <summary>The first folder under the family (e.g. the Keliweb call), or "" for a file at the top.</summary>
    public string Folder => Name.Contains('/', StringComparison.Ordinal) ? Name[..Name.IndexOf('/', StringComparison.Ordinal)] : "";

    /// <summary>The text with <c>{{name}}</c> placeholders filled, each value escaped by <paramref name="escape"/>.</summary>
    public string Text(IReadOnlyDictionary<string, string> values, Func<string, string>? escape = null)
    {
        var text = File.ReadAllText(Path);
        foreach (var (key, value) in values)
        {
            text = text.Replace("{{" + key + "}}", (escape ?? JsonEscape)(value), StringComparison.Ordinal);
        }

        return text;
    }

    public static string JsonEscape(string value) => JsonEncodedText.Encode(value).ToString();
}
