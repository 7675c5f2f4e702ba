using ChatBot.Settings;
using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

public static class TicketsServiceCollectionExtensions
{
    public static IServiceCollection AddTickets(this IServiceCollection services, IConfiguration configuration)
    {
        // No list here has a default: departments and custom fields are the operator's own.
        services.AddSettings<TicketsOptions>(configuration, TicketsOptions.SectionName, static (section, o) => section.Bind(o));
        services.AddSettingsEnum<TicketPriority>();
        services.AddSingleton<IValidateOptions<TicketsOptions>, TicketsOptionsValidator>();
        services.AddSingleton<TicketOutbox>();
        services.AddSingleton<SubmissionMetrics>();
        services.AddSingleton<OutboxListing>();
        services.AddSingleton<RequesterTickets>();
        services.AddSingleton<TicketDraftValidator>();
        services.AddSingleton<TicketNotices>();
        services.AddSingleton<TicketAccounts>();
        services.AddSingleton<Services.AccountServicesCache>();
        services.AddHostedService(sp => sp.GetRequiredService<Services.AccountServicesCache>());
        services.AddSingleton<Services.ServiceCheck>();
        services.AddSingleton<Services.ServiceChoices>();
        services.AddSingleton<TicketIntake>();
        services.AddSingleton<SubmissionSignal>();
        services.AddSingleton<IntakeRate>();
        services.AddSingleton<FileStager>();
        services.AddSingleton<ChatChannels>();
        services.AddSingleton<RetrySchedule>();
        services.AddSingleton<KeliwebOutage>();
        services.AddSingleton<SignInWaitStep>();
        services.AddSingleton<Linking.SignIn.ISignInObserver, SignInWakeUp>();
        services.AddSingleton<OpenTicketStep>();
        services.AddSingleton<DeferredAttachmentStep>();
        services.AddSingleton<SubmissionProcessor>();
        services.AddHostedService<TicketWorker>();
        services.AddSingleton<SubmissionPurge>();
        services.AddHostedService<RetentionService>();
        // Tickets need live accounts: refresh tokens die after 10 days unused, so the keeper refreshes them before.
        services.AddSingleton<Keliweb.KeliwebAccountKeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<Keliweb.KeliwebAccountKeeper>());
        // The worker lets an open-ticket request in flight finish on shutdown instead of making it uncertain.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(110));
        services.AddMetrics();
        return services;
    }
}
