using ChatBot.Tests.Slack;

namespace ChatBot.Tests.Architecture;

/// <summary>
/// The folder rules of the house (style.md, TEAM.md), checked over src/ChatBot: the core never imports a chat
/// platform, and no two feature folders import each other, directly or around a longer circle.
/// </summary>
public sealed class DependencyRulesTests
{
    /// <summary>Platform-free: they reach chat only through seams the platforms implement.</summary>
    private static readonly string[] Core = ["Tickets", "Keliweb", "Storage", "Linking", "Sync"];

    private static readonly string[] Platforms = ["Slack", "Teams"];

    private static readonly string Source = Path.Combine(RepositoryRoot.Find(), "src", "ChatBot");

    [Fact]
    public void TheCore_NeverImportsAChatPlatform()
    {
        var graph = FolderGraph();
        var violations = graph
            .Where(f => Core.Contains(f.Key))
            .SelectMany(f => f.Value.Where(d => Platforms.Contains(d.Key)).SelectMany(d => d.Value.Select(file => $"{f.Key} -> {d.Key} in {file}")))
            .ToList();
        Assert.True(violations.Count == 0, "The core imports a platform:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void FeatureFolders_FormNoImportCircle()
    {
        var graph = FolderGraph();
        var cycles = Cycles(graph.ToDictionary(f => f.Key, f => f.Value.Keys.ToList()));
        var described = cycles.Select(cycle => string.Join(" -> ", cycle) + "\n" + string.Join("\n", cycle.Zip(cycle.Skip(1))
            .Select(edge => $"  {edge.First} -> {edge.Second}: {string.Join(", ", graph[edge.First][edge.Second].Take(3))}")));
        Assert.True(cycles.Count == 0, "Feature folders import each other:\n" + string.Join("\n", described));
    }

    [Fact]
    public void EveryFile_DeclaresTheNamespaceOfItsFolder()
    {
        // Otherwise a file could sit in Tickets/ yet live in ChatBot.Slack, and the rules above would misjudge it.
        var wrong = SourceFiles()
            .Select(f => (f.Folder, f.Path, Namespace: SourceReferences.DeclaredNamespace(File.ReadAllText(f.Path))))
            .Where(f => f.Namespace is null || !(f.Namespace == "ChatBot." + f.Folder || f.Namespace.StartsWith("ChatBot." + f.Folder + ".", StringComparison.Ordinal)))
            .Select(f => $"{Relative(f.Path)} declares {f.Namespace ?? "no namespace"}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("using ChatBot.Slack;", "Slack")]
    [InlineData("using static ChatBot.Teams.TeamsTexts;", "Teams")]
    [InlineData("using Texts = ChatBot.Teams.Cards.TeamsTexts;", "Teams")]
    [InlineData("global using ChatBot.Keliweb;", "Keliweb")]
    [InlineData("var x = new ChatBot.Storage.Database();", "Storage")]
    [InlineData("services.AddSingleton<Keliweb.KeliwebAccountKeeper>();", "Keliweb")]
    [InlineData("Func<Slack.Views.BlockKit> f;", "Slack")]
    [InlineData("var p = ChatPlatforms.Slack;", "")]
    [InlineData("// using ChatBot.Slack;", "")]
    [InlineData("/* ChatBot.Teams.X */ var a = 1;", "")]
    [InlineData("var s = \"ChatBot.Slack.Views\";", "")]
    [InlineData("var s = @\"a \"\" ChatBot.Slack\";", "")]
    [InlineData("var s = $\"{n} Slack.Views\";", "")]
    [InlineData("var s = \"\"\"\n ChatBot.Slack \" \n\"\"\";", "")]
    [InlineData("var c = '\"'; var d = Teams.Cards.X;", "Teams")]
    [InlineData("namespace ChatBot.Slack.Handlers;", "")]
    public void Scanner_FindsImportsButNotWordsInTextOrComments(string code, string expected)
    {
        var found = SourceReferences.FoldersReferenced(code, ["Slack", "Teams", "Keliweb", "Storage"]);
        Assert.Equal(expected.Length == 0 ? [] : [expected], found.Order().ToArray());
    }

    [Fact]
    public void CycleSearch_FindsDirectAndLongerCircles()
    {
        var graph = new Dictionary<string, List<string>>
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["E"], ["E"] = ["D"], ["F"] = ["A"],
        };

        var cycles = Cycles(graph).Select(c => string.Join(">", c)).Order().ToList();

        Assert.Equal(["A>B>C>A", "D>E>D"], cycles);
    }

    /// <summary>folder -> referenced folder -> files that reference it.</summary>
    private static Dictionary<string, Dictionary<string, List<string>>> FolderGraph()
    {
        var files = SourceFiles().ToList();
        var folders = files.Select(f => f.Folder).Concat(Core).Concat(Platforms).ToHashSet(StringComparer.Ordinal);
        var graph = folders.ToDictionary(f => f, _ => new Dictionary<string, List<string>>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (folder, path) in files)
        {
            foreach (var referenced in SourceReferences.FoldersReferenced(File.ReadAllText(path), folders))
            {
                if (referenced != folder)
                {
                    graph[folder].TryAdd(referenced, []);
                    graph[folder][referenced].Add(Relative(path));
                }
            }
        }

        return graph;
    }

    /// <summary>Every C# file in a folder of src/ChatBot (the files at the top, Program.cs, compose the app and may import anything).</summary>
    private static IEnumerable<(string Folder, string Path)> SourceFiles() =>
        Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Select(path => (Parts: Path.GetRelativePath(Source, path).Split(Path.DirectorySeparatorChar), Path: path))
            .Where(f => f.Parts.Length > 1 && f.Parts[0] is not ("bin" or "obj" or "Properties"))
            .Select(f => (f.Parts[0], f.Path));

    /// <summary>Each elementary circle once, starting from its smallest folder name.</summary>
    private static List<List<string>> Cycles(Dictionary<string, List<string>> graph)
    {
        var cycles = new List<List<string>>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            Walk(start, [start]);

            void Walk(string at, List<string> path)
            {
                foreach (var next in graph.GetValueOrDefault(at) ?? [])
                {
                    if (next == start)
                    {
                        cycles.Add([.. path, start]);
                    }
                    else if (string.CompareOrdinal(next, start) > 0 && !path.Contains(next))
                    {
                        Walk(next, [.. path, next]);
                    }
                }
            }
        }

        return cycles;
    }

    private static string Relative(string path) => Path.GetRelativePath(Source, path);
}
