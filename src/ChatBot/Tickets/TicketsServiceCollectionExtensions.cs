using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

public static class TicketsServiceCollectionExtensions
{
    public static IServiceCollection AddTickets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TicketsOptions>()
            .Bind(configuration.GetSection(TicketsOptions.SectionName))
            .Validate(o => o.Departments.Select(d => d.Id).Distinct().Count() == o.Departments.Count, "Tickets:Departments has duplicate ids.")
            .Validate(o => o.CustomFields.Select(f => f.Id).Distinct().Count() == o.CustomFields.Count, "Tickets:CustomFields has duplicate ids.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TicketsOptions>, TicketsOptionsValidator>();
        services.AddSingleton<TicketOutbox>();
        services.AddSingleton<TicketDraftValidator>();
        services.AddSingleton<TicketNotices>();
        services.AddSingleton<TicketAccounts>();
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
        // Tickets need live accounts: refresh tokens die after 10 days unused, so the keeper refreshes them before.
        services.AddSingleton<Keliweb.KeliwebAccountKeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<Keliweb.KeliwebAccountKeeper>());
        // The worker lets an open-ticket request in flight finish on shutdown instead of making it uncertain.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(110));
        return services;
    }
}
