using System.Globalization;

namespace ChatBot.Storage;

/// <summary>How a link or an account login came to be: declared in configuration, made with the CLI, or by the person.</summary>
public enum ProvenanceSource
{
    Configuration,
    Cli,
    SelfService,
}

/// <summary>Who made a link or a login, how, and when; shown by <c>links list</c> and <c>accounts list</c>.</summary>
/// <param name="By">The OS user for the CLI, the chat identity and name for self-service; null for configuration.</param>
public sealed record Provenance(ProvenanceSource Source, string? By, DateTimeOffset At)
{
    public static Provenance Configuration(DateTimeOffset at) => new(ProvenanceSource.Configuration, null, at);

    /// <summary>The CLI, run by this OS user.</summary>
    public static Provenance Cli(DateTimeOffset at) => new(ProvenanceSource.Cli, Environment.UserName, at);

    public string SourceName => Name(Source);

    /// <summary>UTC, to the minute, as the operator tables show times.</summary>
    public string AtUtc => At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The column value: configuration, cli, self-service.</summary>
    public static string Name(ProvenanceSource source) => source switch
    {
        ProvenanceSource.Configuration => "configuration",
        ProvenanceSource.SelfService => "self-service",
        _ => "cli",
    };

    public static ProvenanceSource Parse(string? name) => name switch
    {
        "configuration" => ProvenanceSource.Configuration,
        "self-service" => ProvenanceSource.SelfService,
        _ => ProvenanceSource.Cli,
    };
}
