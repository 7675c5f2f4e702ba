using ChatBot.Alerts;
using ChatBot.Linking.SignIn;
using ChatBot.Slack.Dispatch;
using ChatBot.Slack.Endpoints;
using ChatBot.Slack.Events;
using ChatBot.Slack.Files;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Installations;
using ChatBot.Slack.Options;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.SocketMode;
using ChatBot.Slack.Sync;
using ChatBot.Slack.Verification;
using ChatBot.Slack.Views;
using ChatBot.Slack.WebApi;
using ChatBot.Settings;
using ChatBot.Sync;
using ChatBot.Telemetry;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack;

public static partial class SlackServiceCollectionExtensions
{
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SlackOptions>(configuration, SlackOptions.SectionName, static (section, o) => section.Bind(o), SlackOptions.Lists);
        // Socket Mode needs the app token instead of the signing secret: the socket is authenticated, not signed.
        services.AddSingleton(CredentialSet.SlackFor(configuration));
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddSlackInstallations();
        services.AddMemoryCache();
        services.AddSingleton<SlackSignatureVerifier>();
        services.AddSingleton<SlackRequestReader>();
        services.AddSingleton<SlackUserDirectory>();
        services.AddSingleton<LongMessageStore>();

        // Neither client follows redirects: API calls must not, and downloads decide per hop who gets the token.
        // The singletons below hold these clients, so connections are recycled by lifetime rather than by handler rotation.
        services.AddHttpClient<SlackApiClient>(SlackApiClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddUpstreamTelemetry(Upstreams.Slack, UpstreamTelemetryExtensions.LastPathSegment);
        services.AddHttpClient<SlackFileDownloader>(SlackFileDownloader.HttpClientName, c => c.Timeout = TimeSpan.FromMinutes(5))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddUpstreamTelemetry(Upstreams.Slack, "files.download");

        services.AddSingleton<SlackChannel>();
        services.AddSingleton<IChatChannel>(sp => sp.GetRequiredService<SlackChannel>());
        services.AddSingleton<IAlertChannel, SlackAlertChannel>();
        services.AddSingleton<ISignInChat>(sp => sp.GetRequiredService<SlackChannel>());
        services.AddSingleton<SlackChatCommands>();

        services.AddSingleton<SlackHandlerRegistry>();
        services.AddSingleton<SlackDispatcher>();
        services.AddSlackHandler<SlashCommand, TicketCommandHandler>(TicketCommandHandler.Command);
        services.AddSlackHandler<MessageActionPayload, TicketShortcutHandler>(TicketShortcutHandler.CallbackId);
        services.AddSlackHandler<ViewSubmissionPayload, TicketSubmissionHandler>(TicketModal.CallbackId);
        services.AddSlackHandler<BlockActionsPayload, ResubmitActionHandler>(NoticeMessages.ResubmitActionId);
        services.AddSlackHandler<BlockActionsPayload, OpenUrlActionHandler>(ChatReplyMessages.OpenUrlActionId);
        services.AddSlackHandler<BlockActionsPayload, TicketDepartmentHandler>(TicketModal.DepartmentId);
        services.AddSlackHandler<BlockSuggestionPayload, ServiceOptionsHandler>(TicketModal.ServiceId);

        // The ticket sync's Slack side: message events in tickets' threads, staff replies and status into them.
        services.AddSlackHandler<EventEnvelope, ThreadMessageHandler>(ThreadMessageHandler.EventType);
        services.AddSingleton<ITicketThreads, SlackTicketThreads>();
        services.AddSlackSocketMode(configuration);
        return services;
    }

    /// <summary>Maps the endpoints always: without credentials they answer 401 (fail closed), never "accept all".</summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        // Built now so a duplicate handler key stops the start.
        _ = endpoints.ServiceProvider.GetRequiredService<SlackHandlerRegistry>();
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("ChatBot.Slack");
        var socketModeOnly = string.IsNullOrWhiteSpace(options.SigningSecret)
            && endpoints.ServiceProvider.GetRequiredService<IOptions<SocketModeOptions>>().Value.IsEnabled;
        if (options.IsMultiWorkspace)
        {
            var installed = endpoints.ServiceProvider.GetRequiredService<SlackInstallationStore>().CountInstalled();
            var site = endpoints.ServiceProvider.GetRequiredService<IOptions<Linking.SignIn.SignInOptions>>().Value;
            LogMultiWorkspace(logger, installed, site.PublicBaseUri is { } root ? new Uri(root, InstallEndpoints.InstallPath.TrimStart('/')).AbsoluteUri : "-", options.ApiBaseUrl.Host);
        }
        else if (options.IsEnabled)
        {
            LogEnabled(logger, options.ApiBaseUrl.Host);
        }

        if (socketModeOnly)
        {
            LogSocketModeOnly(logger);
        }
        else if (!options.IsMultiWorkspace && !options.IsEnabled)
        {
            LogDisabled(logger);
        }

        endpoints.MapInstallEndpoints();
        return endpoints.MapSlackEndpoints();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack enabled, single workspace (Slack:BotToken; Web API at {ApiHost})")]
    private static partial void LogEnabled(ILogger logger, string apiHost);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack enabled, Add to Slack (OAuth): {Installed} workspaces installed; install page {InstallPage} (Web API at {ApiHost})")]
    private static partial void LogMultiWorkspace(ILogger logger, int installed, string installPage, string apiHost);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack request URLs off (no Slack:SigningSecret): they refuse every request, and Socket Mode carries Slack's requests")]
    private static partial void LogSocketModeOnly(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack disabled: set Slack:SigningSecret and Slack:BotToken (one workspace), or Slack:SigningSecret, Slack:ClientId and Slack:ClientSecret (Add to Slack), to enable it; its endpoints refuse every request")]
    private static partial void LogDisabled(ILogger logger);
}
