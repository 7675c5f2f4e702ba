using ChatBot.Keliweb;
using ChatBot.Settings;
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

        var problems = SettingsRegistration.AllProblems(app.Services, configuration);
        if (problems.Count > 0)
        {
            throw new StartupConfigurationException(problems);
        }

        var database = app.Services.GetRequiredService<Database>();
        LogStorage(logger, database.Provider, database.Describe(),
            database.DataPath is null ? "table data_protection_keys" : StorageKeyRepositorySetup.KeysPath(database));

        var keliweb = app.Services.GetRequiredService<IOptions<KeliwebOptions>>().Value;
        LogKeliweb(logger, SettingsCheck.Printable(keliweb.BaseUrl),
            keliweb.HasApiKeys ? "present" : "missing (set Keliweb:ClientId and Keliweb:ClientSecret)",
            keliweb.HasDefaultAccount ? "configured" : "not configured (Keliweb:Username, Keliweb:Password)");

        foreach (var platform in new[] { CredentialSet.SlackFor(configuration), CredentialSet.Teams })
        {
            if (platform.IsComplete(configuration))
            {
                LogPlatformEnabled(logger, platform.Name);
                if (platform == CredentialSet.SlackSocketMode)
                {
                    LogSocketMode(logger, configuration.GetValue("Slack:SocketConnections", 2),
                        string.IsNullOrWhiteSpace(configuration["Slack:SigningSecret"]) ? "refuse every request (no Slack:SigningSecret)" : "answer too");
                }

                if (platform == CredentialSet.Teams && string.IsNullOrWhiteSpace(configuration["Teams:TenantId"]))
                {
                    LogTeamsWithoutTenant(logger);
                }
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

        if (guests && !keliweb.HasDefaultAccount)
        {
            LogGuestsWithoutDefaultAccount(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage: {Provider}, {Location}; Data Protection keys in {KeysLocation}")]
    private static partial void LogStorage(ILogger logger, StorageProvider provider, string location, string keysLocation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keliweb: {BaseUrl}; API keys {ApiKeys}; default account {DefaultAccount}")]
    private static partial void LogKeliweb(ILogger logger, string baseUrl, string apiKeys, string defaultAccount);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Platform}: enabled")]
    private static partial void LogPlatformEnabled(ILogger logger, string platform);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Platform}: disabled (no credentials; set {Keys} to enable it)")]
    private static partial void LogPlatformDisabled(ILogger logger, string platform, string keys);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode: on, {Connections} connections to open; no public URL needed, the HTTP request URLs {Http}")]
    private static partial void LogSocketMode(ILogger logger, int connections, string http);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams:TenantId is not set, so the bot asks botframework.com for its tokens, as a multi-tenant bot. Azure has created single-tenant bots only since 2025: set Teams:TenantId to the tenant of your Azure Bot")]
    private static partial void LogTeamsWithoutTenant(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tickets: {Departments} departments configured; guest tickets {Guests}")]
    private static partial void LogTickets(ILogger logger, int departments, string guests);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tickets:Departments is empty: the ticket form has no department to offer")]
    private static partial void LogNoDepartments(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tickets:AllowGuests is on but no default account is configured (Keliweb:Username): guest tickets cannot be opened")]
    private static partial void LogGuestsWithoutDefaultAccount(ILogger logger);
}
