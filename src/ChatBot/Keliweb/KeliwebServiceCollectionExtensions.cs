namespace ChatBot.Keliweb;

public static class KeliwebServiceCollectionExtensions
{
    public static IServiceCollection AddKeliweb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KeliwebOptions>()
            .Bind(configuration.GetSection(KeliwebOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<KeliwebClient>();
        return services;
    }
}
