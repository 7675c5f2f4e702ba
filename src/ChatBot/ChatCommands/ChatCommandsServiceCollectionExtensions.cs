using System.Diagnostics.CodeAnalysis;

namespace ChatBot.ChatCommands;

public static class ChatCommandsServiceCollectionExtensions
{
    /// <summary>The command registry and the commands of linking (<c>help</c>, <c>link</c>, <c>unlink</c>, <c>whoami</c>).</summary>
    public static IServiceCollection AddChatCommands(this IServiceCollection services)
    {
        services.AddSingleton<ChatCommandRegistry>();
        services.AddChatCommand<HelpCommand>()
            .AddChatCommand<LinkCommand>()
            .AddChatCommand<UnlinkCommand>()
            .AddChatCommand<WhoAmICommand>();
        return services;
    }

    /// <summary>Adds a command both platforms offer (Slack <c>/ticket name</c>, Teams <c>name</c>), with nothing else to change.</summary>
    public static IServiceCollection AddChatCommand<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TCommand>(
        this IServiceCollection services)
        where TCommand : class, IChatCommand
    {
        services.AddSingleton<IChatCommand, TCommand>();
        return services;
    }
}
