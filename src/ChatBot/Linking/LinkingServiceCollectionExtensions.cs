using ChatBot.Settings;
using Microsoft.Extensions.Options;

namespace ChatBot.Linking;

public static class LinkingServiceCollectionExtensions
{
    /// <summary>Needs <c>AddStorage</c> first: configured links are written after the migrations.</summary>
    public static IServiceCollection AddLinking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<LinkStore>();
        services.AddSingleton<LinkResolver>();
        services.AddSingleton<LinkedAccounts>();
        services.AddSettings<ConfiguredLinksOptions>(configuration, ConfiguredLinksOptions.SectionName, static (section, o) => section.Bind(o.Links));
        services.AddSingleton<IValidateOptions<ConfiguredLinksOptions>, ConfiguredLinksValidator>();
        services.AddHostedService<ConfiguredLinksService>();
        return services;
    }
}
