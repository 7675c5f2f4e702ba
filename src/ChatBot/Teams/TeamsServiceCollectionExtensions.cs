namespace ChatBot.Teams;

public static class TeamsServiceCollectionExtensions
{
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder endpoints) => endpoints;
}
