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
        services.AddOptions<ConfiguredLinksOptions>()
            .Configure(o => configuration.GetSection(ConfiguredLinksOptions.SectionName).Bind(o.Links))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConfiguredLinksOptions>, ConfiguredLinksValidator>();
        services.AddHostedService<ConfiguredLinksService>();
        return services;
    }
}
