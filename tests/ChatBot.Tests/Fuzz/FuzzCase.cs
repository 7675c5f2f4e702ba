using System.Text;
using System.Text.Json.Nodes;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// One case: a corpus file and a case number, with a <see cref="Random"/> seeded from both and the run's seed, so the
/// same three values replay the same mutations. Case 0 is the file as it is (the baseline a well-formed request must
/// pass); every other case applies one to three mutations, now and then at the byte level.
/// </summary>
public sealed class FuzzCase
{
    private readonly List<string> mutations = [];

    public FuzzCase(CorpusFile file, int index, int seed)
    {
        File = file;
        Index = index;
        Seed = seed;
        Random = new Random(StableHash($"{seed}/{file.Family}/{file.Name}/{index}"));
        StructuralCount = index == 0 ? 0 : Random.Next(10) switch { < 7 => 1, < 9 => 2, _ => 3 };
        ByteLevel = index > 0 && Random.Next(8) == 0;
    }

    public CorpusFile File { get; }

    public int Index { get; }

    public int Seed { get; }

    public Random Random { get; }

    /// <summary>How many structural (or form) mutations this case makes.</summary>
    public int StructuralCount { get; }

    /// <summary>Whether the bytes as sent are truncated or get invalid UTF-8.</summary>
    public bool ByteLevel { get; }

    public bool Mutated => Index > 0;

    public string Id => $"{File.Family}/{File.Name}#{Index}";

    public string Description => mutations.Count == 0 ? "unmutated" : string.Join("; ", mutations);

    /// <summary>Applies this case's structural mutations to <paramref name="root"/>.</summary>
    public JsonNode? MutateJson(JsonNode? root)
    {
        for (var i = 0; i < StructuralCount; i++)
        {
            (root, var what) = JsonMutator.Mutate(root, Random);
            mutations.Add(what);
        }

        return root;
    }

    /// <summary>
    /// This case's mutations of an answers document (<see cref="ScriptedAnswer"/>: one answer, or <c>answers</c>): most
    /// go into one answer's body, where the client reads, the others into its status and headers.
    /// </summary>
    public JsonNode? MutateAnswers(JsonNode? document)
    {
        List<JsonObject> answers = document is JsonObject o && o["answers"] is JsonArray list ? [.. list.OfType<JsonObject>()] : document is JsonObject one ? [one] : [];
        for (var i = 0; i < StructuralCount && answers.Count > 0; i++)
        {
            var at = Random.Next(answers.Count);
            var answer = answers[at];
            var member = Random.Next(5) switch { 0 => "status", 1 => "headers", _ => "body" };
            // Mutated as the root of its own document, so dropping or replacing it is one of the mutations.
            var (changed, what) = JsonMutator.Mutate(answer[member]?.DeepClone(), Random);
            if (what.StartsWith("root dropped", StringComparison.Ordinal))
            {
                answer.Remove(member);
            }
            else
            {
                answer[member] = changed;
            }

            mutations.Add($"answer {at} {member}: {what}");
        }

        return document;
    }

    /// <summary>The document's bytes, mutated at the byte level when this case says so.</summary>
    public byte[] Bytes(JsonNode? root) => MaybeBreak(JsonMutator.Serialize(root, Random));

    public byte[] MaybeBreak(byte[] bytes)
    {
        if (!ByteLevel)
        {
            return bytes;
        }

        (bytes, var what) = ByteMutator.Mutate(bytes, Random);
        mutations.Add(what);
        return bytes;
    }

    /// <summary>Applies this case's form mutations to a raw form body.</summary>
    public string MutateForm(string form)
    {
        var pairs = FormMutator.Pairs(form);
        for (var i = 0; i < StructuralCount; i++)
        {
            mutations.Add(FormMutator.Mutate(pairs, Random));
        }

        return FormMutator.Join(pairs);
    }

    public void Note(string what) => mutations.Add(what);

    /// <summary>How to run this case alone.</summary>
    public string ReplayCommand =>
        $"{FuzzSettings.SeedVariable}={Seed} {FuzzSettings.ReplayVariable}='{Id}' dotnet test ChatBot.sln --filter \"FullyQualifiedName~ChatBot.Tests.Fuzz\"";

    public override string ToString() => $"{Id} (seed {Seed}): {Description}";

    /// <summary>FNV-1a: string.GetHashCode differs between processes, and a replay must not.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
