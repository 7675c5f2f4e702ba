using System.Text.RegularExpressions;
using ChatBot.Keliweb;
using ChatBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatBot.Startup;

/// <summary>
/// What the operator sees first: where the data lives and which features are on, with the keys that are missing.
/// Stops the start for partial credentials or invalid options, with every problem in one exception (exit code 1 and no
/// stack trace from the command line, see <see cref="ConfigurationFailureExit"/>).
/// Values are never printed, only whether a key is set.
/// </summary>
public static partial class StartupReport
{
    /// <summary>Logs the report; throws <see cref="StartupConfigurationException"/>, naming every problem, when the app must not start.</summary>
    public static void ReportConfiguration(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupReport));
        var configuration = app.Configuration;

        var problems = new[] { CredentialSet.Slack, CredentialSet.Teams, CredentialSet.KeliwebApiKeys }
            .Where(set => set.IsPartial(configuration))
            .Select(set => $"{set.Name} is partly configured: {string.Join(", ", set.Missing(configuration))} missing. " +
                $"Set all of {string.Join(", ", set.Keys)}, or none to disable it.")
            .Concat(InvalidOptions(app.Services))
            .ToList();
        if (problems.Count > 0)
        {
            throw new StartupConfigurationException(problems);
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
    }

    // Every ValidateOnStart registration, checked now, so a bad setting is reported with the others, before anything starts.
    private static IEnumerable<string> InvalidOptions(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return ex.Failures;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            return ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures);
        }
        // The binder's own type (reflection or build-time generated) differs between JIT and native AOT; its message does not.
        catch (InvalidOperationException ex) when (BinderFailure().IsMatch(ex.Message))
        {
            return [UnreadableValue(ex.Message)];
        }
    }

    // The binder's message quotes the value, which may be a secret (a URL with credentials): keep only the key and type.
    private static string UnreadableValue(string binderMessage)
    {
        var failure = BinderFailure().Match(binderMessage);
        return $"{failure.Groups["key"].Value} cannot be read as {FriendlyType(failure.Groups["type"].Value)}.";
    }

    private static string FriendlyType(string clrType) => clrType switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration (hh:mm:ss)",
        "System.Uri" => "a URL",
        _ => clrType,
    };

    [GeneratedRegex("^Failed to convert configuration value .* at '(?<key>[^']*)' to type '(?<type>[^']*)'", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex BinderFailure();

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
