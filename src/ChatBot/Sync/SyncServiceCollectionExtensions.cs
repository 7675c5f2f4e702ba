using ChatBot.ChatCommands;
using ChatBot.Settings;
using ChatBot.Sync.Commands;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// The ticket sync: announced tickets are followed (staff replies and status into chat), replies in their threads go
    /// to Keliweb, and the commands that list them. The platforms plug in with <see cref="ITicketThreads"/>.
    /// </summary>
    public static IServiceCollection AddSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SyncOptions>(configuration, SyncOptions.SectionName, static (section, o) => section.Bind(o));
        services.AddSettingsEnum<SyncReplies>();
        services.AddSingleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>();
        services.AddSingleton<TicketThreadChannels>();
        services.AddSingleton<FollowedTicketStore>();
        services.AddSingleton<IAnnouncedTicketWriter, TicketFollowing>();
        services.AddSingleton<ReplyPostLog>();
        services.AddSingleton<PollSchedule>();
        services.AddSingleton<PollBudget>();
        services.AddSingleton<StaffReplyRelay>();
        services.AddSingleton<TicketPoller>();
        services.AddHostedService<SyncWorker>();

        services.AddSingleton<ThreadReplySignal>();
        services.AddSingleton<ThreadInbox>();
        services.AddSingleton<ReplyEntitlement>();
        services.AddSingleton<ThreadReplyProcessor>();
        services.AddHostedService<ThreadReplyWorker>();

        services.AddChatCommand<TicketListCommand>()
            .AddChatCommand<TicketStatusCommand>();
        return services;
    }
}
