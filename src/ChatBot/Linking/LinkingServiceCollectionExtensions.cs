namespace ChatBot.Linking;

public static class LinkingServiceCollectionExtensions
{
    public static IServiceCollection AddLinking(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
