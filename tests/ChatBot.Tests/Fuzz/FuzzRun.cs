using System.Diagnostics;
using ChatBot.Tests.Slack;
using Xunit.Abstractions;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// Runs a family's cases against one host: each case's problems (a broken invariant, an exception, an Error logged
/// while it ran) are collected with the case's mutations and a replay command; the run fails at the end with all of
/// them, and prints its figures (cases, time) either way.
/// </summary>
public sealed class FuzzRun(string family, ITestOutputHelper output, CapturedLogs? logs = null)
{
    private const int MaxReported = 12;

    private readonly List<string> problems = [];
    private readonly Stopwatch watch = new();
    private int checkedLogs;
    private int cases;
    private int failed;

    public string Family => family;

    /// <summary>Every case of the family (or the one being replayed), corpus file by file.</summary>
    /// <param name="folder">Only the files of this folder under the family (e.g. one Keliweb call).</param>
    /// <param name="share">Every how many of the cases to run: 4 runs a quarter, for families whose cases are slow.</param>
    public IEnumerable<FuzzCase> Cases(string? folder = null, int share = 1)
    {
        var seed = FuzzSettings.Seed;
        var replay = FuzzSettings.Replay;
        foreach (var file in FuzzCorpus.Files(family).Where(f => folder is null || f.Folder == folder))
        {
            for (var i = 0; i < Math.Max(1, FuzzSettings.CasesPerFile); i += share)
            {
                var fuzzCase = new FuzzCase(file, i, seed);
                if (replay is null || replay == fuzzCase.Id)
                {
                    yield return fuzzCase;
                }
            }
        }
    }

    /// <summary>Runs one case; what it throws (a <see cref="FuzzCheck"/> or anything else) is recorded, not rethrown.</summary>
    public async Task RunAsync(FuzzCase fuzzCase, Func<Task> body)
    {
        cases++;
        var mark = logs?.Lines.Count ?? 0;
        watch.Start();
        string? problem = null;
        try
        {
            await body();
        }
        catch (FuzzCheckException check)
        {
            problem = check.Message;
        }
        catch (Exception ex)
        {
            problem = "threw " + ex;
        }
        finally
        {
            watch.Stop();
        }

        if (problem is null && logs is not null && ErrorsSince(mark) is { } error)
        {
            problem = "logged " + error;
        }

        checkedLogs = logs?.Lines.Count ?? 0;

        if (problem is not null)
        {
            Fail(fuzzCase, problem);
        }
    }

    /// <summary>Records a problem found after the cases (the drain), with the case it belongs to when known.</summary>
    public void Fail(FuzzCase? fuzzCase, string problem)
    {
        failed++;
        if (problems.Count < MaxReported)
        {
            problems.Add(fuzzCase is null ? problem : $"{fuzzCase}\n    {Cut(problem)}\n    replay: {fuzzCase.ReplayCommand}");
        }
    }

    /// <summary>Times work outside the cases (the drain) into the run's figure.</summary>
    public async Task TimeAsync(Func<Task> work)
    {
        watch.Start();
        try
        {
            await work();
        }
        finally
        {
            watch.Stop();
        }
    }

    /// <summary>Prints the figures and fails with every problem found.</summary>
    /// <param name="figures">More to print, e.g. how many submissions were stored.</param>
    public void Finish(string? figures = null)
    {
        // The worker's last steps (the drain) log after the last case.
        if (logs is not null && ErrorsSince(checkedLogs) is { } late)
        {
            Fail(null, "logged after the cases: " + late);
        }

        var line = $"fuzz {family}: {cases} cases (seed {FuzzSettings.Seed}, {FuzzSettings.CasesPerFile} per file) in {watch.Elapsed.TotalSeconds:F1} s, {failed} failed"
            + (figures is null ? "" : ", " + figures);
        output.WriteLine(line);
        // On the console too: CI's log shows the figures of passing runs.
        Console.WriteLine(line);
        if (failed > 0)
        {
            Assert.Fail($"{failed} of {cases} fuzz cases of {family} failed (first {problems.Count}):\n" + string.Join("\n", problems));
        }

        // A replay of another family's case runs nothing here.
        Assert.True(cases > 0 || FuzzSettings.Replay is not null, $"no fuzz case of {family} ran");
    }

    private string? ErrorsSince(int mark) => logs!.Lines.Skip(mark)
        .FirstOrDefault(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));

    private static string Cut(string text) => text.Length > 1500 ? text[..1500] + "…" : text;
}

/// <summary>A broken fuzz invariant.</summary>
public sealed class FuzzCheckException(string message) : Exception(message);

public static class FuzzCheck
{
    public static void That(bool condition, string problem)
    {
        if (!condition)
        {
            throw new FuzzCheckException(problem);
        }
    }
}
