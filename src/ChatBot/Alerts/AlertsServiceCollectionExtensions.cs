using ChatBot.Settings;
using Microsoft.Extensions.Options;

namespace ChatBot.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>Operator alerts: <see cref="OperatorAlerts"/> to raise them, the dispatcher that posts them. Platforms add their <see cref="IAlertChannel"/>.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<AlertsOptions>(configuration, AlertsOptions.SectionName, static (section, o) => section.Bind(o));
        services.AddSingleton<IValidateOptions<AlertsOptions>>(new AlertsOptionsValidator(configuration));
        services.AddMetrics();
        services.AddSingleton<OperatorAlerts>();
        services.AddSingleton<AlertDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertDispatcher>());
        return services;
    }
}
