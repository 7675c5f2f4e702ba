using ChatBot.Storage;

namespace ChatBot.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the store answers too.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", async (Database database, CancellationToken ct) =>
        {
            try
            {
                await using var connection = await database.OpenAsync(ct);
                await connection.ScalarAsync("SELECT 1", ct);
                return Results.Text("ready");
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                return Results.Text("store unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return endpoints;
    }
}
