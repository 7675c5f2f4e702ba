using ChatBot.Teams.Handlers;

namespace ChatBot.Teams.Installations;

public static class InstallationsServiceCollectionExtensions
{
    /// <summary>Where the app is installed: welcomes on <c>conversationUpdate</c>, removals on <c>installationUpdate</c>.</summary>
    public static IServiceCollection AddTeamsInstallations(this IServiceCollection services)
    {
        services.AddSingleton<TeamsInstallationStore>();
        services.AddSingleton<WelcomeSignal>();
        services.AddSingleton<ITeamsActivityHandler, ConversationUpdateHandler>();
        services.AddSingleton<ITeamsActivityHandler, InstallationUpdateHandler>();
        services.AddHostedService<WelcomeWorker>();
        return services;
    }
}
