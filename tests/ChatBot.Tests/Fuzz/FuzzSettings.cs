using System.Globalization;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// How much to fuzz, from the environment (see Fuzz/README.md): a fixed seed and case count by default, so CI is
/// reproducible and bounded; more cases or another seed for a longer hunt; one case to replay a failure.
/// </summary>
public static class FuzzSettings
{
    public const string CasesVariable = "CHATBOT_FUZZ_CASES";
    public const string SeedVariable = "CHATBOT_FUZZ_SEED";
    public const string ReplayVariable = "CHATBOT_FUZZ_REPLAY";

    /// <summary>Mutated cases per corpus file in CI and by default.</summary>
    public const int DefaultCasesPerFile = 60;

    public const int DefaultSeed = 20261201;

    public static int CasesPerFile => Read(CasesVariable, DefaultCasesPerFile);

    public static int Seed => Read(SeedVariable, DefaultSeed);

    /// <summary><c>family/file#case</c> to run only that case (as a failure prints it); null to run them all.</summary>
    public static string? Replay => Environment.GetEnvironmentVariable(ReplayVariable) is { Length: > 0 } replay ? replay : null;

    private static int Read(string variable, int fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
                ? value
                : throw new InvalidOperationException($"{variable} must be a non-negative integer, not '{text}'.")
            : fallback;
}
