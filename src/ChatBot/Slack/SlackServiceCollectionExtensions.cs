namespace ChatBot.Slack;

public static class SlackServiceCollectionExtensions
{
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints) => endpoints;
}
