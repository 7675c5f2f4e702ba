using System.Text.Json.Nodes;

namespace ChatBot.Tests.Fuzz;

/// <summary>A printed seed replays a failure only if a case's mutations depend on nothing but the seed, file and index.</summary>
public sealed class FuzzCaseTests
{
    private static readonly CorpusFile File = FuzzCorpus.Files(SlackRequestFuzzTests.Interactivity).First(f => f.Name == "view_submission-message.json");

    [Fact]
    public void SameSeedFileAndIndex_MakeTheSameBytes_AndOtherSeedsOtherOnes()
    {
        var replays = Enumerable.Range(1, 40).Select(i => (Bytes(i, 20261201), Bytes(i, 20261201))).ToList();
        var others = Enumerable.Range(1, 40).Count(i => !Bytes(i, 20261201).Bytes.SequenceEqual(Bytes(i, 7).Bytes));

        Assert.All(replays, pair => Assert.Equal(pair.Item1.Description, pair.Item2.Description));
        Assert.All(replays, pair => Assert.Equal(pair.Item1.Bytes, pair.Item2.Bytes));
        Assert.True(others > 30, $"only {others} of 40 cases differ between two seeds");
    }

    [Fact]
    public void CaseZero_IsTheFileAsItIs_AndTheOtherCasesChangeIt()
    {
        var original = JsonNode.Parse(File.Text(new Dictionary<string, string>()))!.ToJsonString();
        // A null set to null changes nothing; almost every case must change something.
        var changed = Enumerable.Range(1, 40).Count(i => System.Text.Encoding.UTF8.GetString(Bytes(i, 1).Bytes) != original);

        Assert.Equal(original, System.Text.Encoding.UTF8.GetString(Bytes(0, 1).Bytes));
        Assert.True(changed >= 36, $"only {changed} of 40 mutated cases differ from the file");
    }

    private static (byte[] Bytes, string Description) Bytes(int index, int seed)
    {
        var fuzzCase = new FuzzCase(File, index, seed);
        var bytes = fuzzCase.Bytes(fuzzCase.MutateJson(JsonNode.Parse(File.Text(new Dictionary<string, string>()))));
        return (bytes, fuzzCase.Description);
    }
}
