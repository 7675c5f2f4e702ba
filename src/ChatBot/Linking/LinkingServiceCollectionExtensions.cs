namespace ChatBot.Linking;

public static class LinkingServiceCollectionExtensions
{
    public static IServiceCollection AddLinking(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<LinkStore>();
        services.AddSingleton<LinkResolver>();
        return services;
    }
}
