using ChatBot.Alerts;
using ChatBot.Linking.SignIn;
using ChatBot.Teams.Authentication;
using ChatBot.Teams.Connector;
using ChatBot.Teams.Endpoint;
using ChatBot.Teams.Files;
using ChatBot.Teams.Graph;
using ChatBot.Teams.Handlers;
using ChatBot.Teams.Installations;
using ChatBot.Settings;
using ChatBot.Telemetry;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams;

public static partial class TeamsServiceCollectionExtensions
{
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<TeamsOptions>(configuration, TeamsOptions.SectionName, static (section, o) => section.Bind(o), TeamsOptions.Lists);
        services.AddSingleton(CredentialSet.Teams);
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection();

        // Token endpoint, OpenID metadata and connector get short timeouts: an invoke has ~5 s in all.
        services.AddHttpClient(OpenIdSigningKeys.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .AddUpstreamTelemetry(Upstreams.Teams, "openid-signing-keys");
        services.AddHttpClient(ConnectorTokenProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .AddUpstreamTelemetry(Upstreams.Teams, "token");
        services.AddHttpClient(TeamsConnectorClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15))
            .AddUpstreamTelemetry(Upstreams.Teams, TeamsConnectorClient.MethodOf);
        // Redirects are followed by hand: every hop must pass Teams:FileHosts (or be a trusted connector host).
        services.AddHttpClient(TeamsFileDownloader.HttpClientName, c => c.Timeout = TimeSpan.FromMinutes(2))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddUpstreamTelemetry(Upstreams.Teams, "files.download");

        services.AddSingleton<BotFrameworkSigningKeys>();
        services.AddSingleton<EntraSigningKeys>();
        services.AddSingleton<BotFrameworkTokenValidator>();
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<ConnectorTokenProvider>();
        services.AddSingleton<TeamsConnectorClient>();
        services.AddSingleton<TeamsFileDownloader>();
        services.AddSingleton<TeamsMessageFiles>();
        services.AddTeamsGraph();
        services.AddSingleton<CardFileProtector>();
        services.AddSingleton<TeamsChannel>();
        services.AddSingleton<IChatChannel>(sp => sp.GetRequiredService<TeamsChannel>());
        services.AddSingleton<ChatBot.Sync.ITicketThreads, Sync.TeamsTicketThreads>();
        services.AddSingleton<Sync.TeamsThreadReplies>();
        services.AddSingleton<IAlertChannel, TeamsAlertChannel>();
        services.AddSingleton<ISignInChat>(sp => sp.GetRequiredService<TeamsChannel>());

        services.AddSingleton<TeamsFollowUps>();
        services.AddHostedService<TeamsFollowUpWorker>();
        services.AddSingleton<TicketCardSubmission>();
        services.AddSingleton<TicketCardServices>();
        services.AddSingleton<ITeamsMessageHandler, CardDepartmentMessageHandler>();
        services.AddSingleton<TicketCommandHandler>();
        services.AddSingleton<ITeamsMessageHandler>(sp => sp.GetRequiredService<TicketCommandHandler>());
        services.AddSingleton<ITeamsMessageHandler, CardSubmitMessageHandler>();
        services.AddSingleton<ITeamsMessageHandler, CardResubmitMessageHandler>();
        services.AddSingleton<ITeamsInvokeHandler, AdaptiveCardActionHandler>();
        services.AddSingleton<ITeamsInvokeHandler, FetchTaskHandler>();
        services.AddSingleton<ITeamsInvokeHandler, SubmitActionHandler>();
        services.AddTeamsInstallations();
        services.AddSingleton<TeamsActivityDispatcher>();
        services.AddSingleton<TeamsActivityEndpoint>();
        return services;
    }

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        _ = services.GetRequiredService<TeamsActivityDispatcher>(); // duplicate handler keys throw here, at start
        var options = services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ChatBot.Teams");
        if (!options.Enabled)
        {
            LogDisabled(logger);
        }
        else if (options.GraphEnabled)
        {
            LogGraphOn(logger, options.GraphBaseUrl.IdnHost, options.SingleTenant ?? "the conversation's tenant");
        }
        else
        {
            LogGraphOff(logger);
        }

        if (options.DangerouslyAllowUnauthenticatedRequests)
        {
            LogUnauthenticatedAllowed(logger);
        }

        var endpoint = services.GetRequiredService<TeamsActivityEndpoint>();
        endpoints.MapPost(TeamsActivityEndpoint.Route, endpoint.HandleAsync);
        return endpoints;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams is disabled: set Teams:AppId and Teams:AppPassword to enable it. /api/messages answers 401.")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams: files of channels, group chats and message actions come through Microsoft Graph at {Host}, with tokens of {Tenant}")]
    private static partial void LogGraphOn(ILogger logger, string host, string tenant);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Teams: Teams:GraphEnabled is off, so files of channels, group chats and message actions are reported as not attached (see the README's Microsoft Graph section)")]
    private static partial void LogGraphOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "Teams:DangerouslyAllowUnauthenticatedRequests is ON: requests from loopback WITHOUT a token are accepted. Never use this in production.")]
    private static partial void LogUnauthenticatedAllowed(ILogger logger);
}
