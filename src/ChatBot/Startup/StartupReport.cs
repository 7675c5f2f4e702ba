using ChatBot.Keliweb;
using ChatBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatBot.Startup;

/// <summary>
/// What the operator sees first: where the data lives and which features are on, with the keys that are missing.
/// Stops the start (exit code 1, one clear line per problem, no stack trace) for partial credentials or invalid options.
/// Values are never printed, only whether a key is set.
/// </summary>
public static partial class StartupReport
{
    /// <summary>Logs the report; false when the app must not start (the reasons are logged).</summary>
    public static bool ReportConfiguration(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupReport));
        var configuration = app.Configuration;

        var partial = new[] { CredentialSet.Slack, CredentialSet.Teams, CredentialSet.KeliwebApiKeys }
            .Where(set => set.IsPartial(configuration))
            .ToList();
        foreach (var set in partial)
        {
            LogPartialCredentials(logger, set.Name, string.Join(", ", set.Missing(configuration)), string.Join(", ", set.Keys));
        }

        if (partial.Count > 0 || !OptionsAreValid(app.Services, logger))
        {
            return false;
        }

        var database = app.Services.GetRequiredService<Database>();
        LogStorage(logger, database.Provider, database.Describe(),
            database.DataPath is null ? "table data_protection_keys" : StorageKeyRepositorySetup.KeysPath(database));

        var keliweb = app.Services.GetRequiredService<IOptions<KeliwebOptions>>().Value;
        LogKeliweb(logger, keliweb.BaseUrl,
            keliweb.HasApiKeys ? "present" : "missing (set Keliweb:ClientId and Keliweb:ClientSecret)",
            string.IsNullOrWhiteSpace(keliweb.Username) ? "not configured (Keliweb:Username, Keliweb:Password)" : "configured");

        foreach (var platform in new[] { CredentialSet.Slack, CredentialSet.Teams })
        {
            if (platform.IsComplete(configuration))
            {
                LogPlatformEnabled(logger, platform.Name);
            }
            else
            {
                LogPlatformDisabled(logger, platform.Name, string.Join(", ", platform.Keys));
            }
        }

        var departments = configuration.GetSection("Tickets:Departments").GetChildren().Count();
        var guests = configuration.GetValue<bool>("Tickets:AllowGuests");
        LogTickets(logger, departments, guests ? "allowed" : "not allowed");
        if (departments == 0)
        {
            LogNoDepartments(logger);
        }

        if (guests && string.IsNullOrWhiteSpace(keliweb.Username))
        {
            LogGuestsWithoutDefaultAccount(logger);
        }

        return true;
    }

    /// <summary>Runs the app; invalid options found late (at host start) end it with exit code 1 and their messages only.</summary>
    public static async Task<int> RunOrExplainAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException { InnerExceptions: [OptionsValidationException, ..] })
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupReport));
            LogInvalidOptions(logger, ex is AggregateException a ? string.Join(" ", a.InnerExceptions.Select(e => e.Message)) : ex.Message);
            return 1;
        }
    }

    // Every ValidateOnStart registration, checked now, so a bad setting reads as one line instead of a host crash.
    private static bool OptionsAreValid(IServiceProvider services, ILogger logger)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (OptionsValidationException ex)
        {
            LogInvalidOptions(logger, ex.Message);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            LogInvalidOptions(logger, string.Join(" ", ex.InnerExceptions.Select(e => e.Message)));
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Name} is partly configured: {MissingKeys} missing. Set all of {Keys}, or none to disable it. Not starting.")]
    private static partial void LogPartialCredentials(ILogger logger, string name, string missingKeys, string keys);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Invalid configuration: {Problems} Not starting.")]
    private static partial void LogInvalidOptions(ILogger logger, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage: {Provider}, {Location}; Data Protection keys in {KeysLocation}")]
    private static partial void LogStorage(ILogger logger, StorageProvider provider, string location, string keysLocation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keliweb: {BaseUrl}; API keys {ApiKeys}; default account {DefaultAccount}")]
    private static partial void LogKeliweb(ILogger logger, Uri baseUrl, string apiKeys, string defaultAccount);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Platform}: enabled")]
    private static partial void LogPlatformEnabled(ILogger logger, string platform);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Platform}: disabled (no credentials; set {Keys} to enable it)")]
    private static partial void LogPlatformDisabled(ILogger logger, string platform, string keys);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tickets: {Departments} departments configured; guest tickets {Guests}")]
    private static partial void LogTickets(ILogger logger, int departments, string guests);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tickets:Departments is empty: the ticket form has no department to offer")]
    private static partial void LogNoDepartments(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tickets:AllowGuests is on but no default account is configured (Keliweb:Username): guest tickets cannot be opened")]
    private static partial void LogGuestsWithoutDefaultAccount(ILogger logger);
}
