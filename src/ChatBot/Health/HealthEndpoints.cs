using System.Security.Cryptography;
using System.Text;
using ChatBot.Keliweb;
using ChatBot.Settings;
using ChatBot.Storage;
using ChatBot.Telemetry;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Health;

public static class HealthEndpoints
{
    public const string DetailsRoute = "/healthz/details";

    public static IServiceCollection AddHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSettings<HealthOptions>(configuration, HealthOptions.SectionName, static (section, o) => section.Bind(o));
        services.AddSingleton<StoreSnapshots>();
        services.AddSingleton<KeliwebProbe>();
        services.AddHostedService<StoreGauges>();
        // No redirects and no credentials: the probe only asks whether Keliweb answers.
        services.AddHttpClient(KeliwebProbe.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .AddUpstreamTelemetry(Upstreams.Keliweb, "probe");
        return services;
    }

    /// <summary>
    /// <c>/healthz</c>: the process answers. <c>/readyz</c>: the store answers too (cheap: a load balancer calls it
    /// often). <c>/healthz/details</c>: Keliweb, the outbox and the accounts, for the operator, behind a bearer token.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
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

        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<HealthOptions>>().Value;
        if (options.DetailsEnabled)
        {
            var token = Encoding.UTF8.GetBytes(options.DetailsToken!.Trim());
            endpoints.MapGet(DetailsRoute, (HttpContext context, StoreSnapshots snapshots, KeliwebProbe probe, KeliwebOutage outage, IEnumerable<IConnectionHealth> connections, TimeProvider time, CancellationToken ct) =>
                IsAuthorized(context, token) ? DetailsAsync(snapshots, probe, outage, connections, time, ct) : Task.FromResult(Results.Unauthorized()));
        }

        return endpoints;
    }

    private static bool IsAuthorized(HttpContext context, byte[] token)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()), token);
    }

    private static async Task<IResult> DetailsAsync(
        StoreSnapshots snapshots, KeliwebProbe probe, KeliwebOutage outage, IEnumerable<IConnectionHealth> connections, TimeProvider time, CancellationToken ct)
    {
        var keliweb = probe.CheckAsync(ct);
        StoreSnapshot snapshot;
        try
        {
            snapshot = await snapshots.ReadAsync(ct);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            await keliweb;
            return Results.Text("store unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var reachable = await keliweb;
        var problems = new List<string>();
        if (!reachable.Reachable)
        {
            problems.Add("Keliweb is unreachable (" + reachable.Error + ")");
        }

        if (outage.IsPaused)
        {
            problems.Add("the worker is holding submissions back: its last Keliweb request did not get through");
        }

        if (snapshot.AccountsNeedingSignIn.Count > 0)
        {
            problems.Add($"{snapshot.AccountsNeedingSignIn.Count} account(s) need a new sign-in");
        }

        if (snapshot.FailedLastHour + snapshot.UncertainLastHour > 0)
        {
            problems.Add($"{snapshot.FailedLastHour} failed and {snapshot.UncertainLastHour} uncertain submission(s) in the last hour");
        }

        var reported = connections.Select(c => c.Report()).OfType<ConnectionHealth>().ToList();
        foreach (var connection in reported)
        {
            if (connection.Stopped is { } why)
            {
                problems.Add($"{connection.Name} stopped and does not reconnect until restarted: {why}");
            }
            else if (connection.Open < connection.Wanted)
            {
                problems.Add($"{connection.Name}: {connection.Open} of {connection.Wanted} connections open");
            }
        }

        var details = new HealthDetails(
            problems.Count == 0 ? "ok" : "degraded",
            problems,
            reachable,
            outage.IsPaused ? outage.PausedUntil : null,
            new OutboxDetails(snapshot.WaitingTotal, snapshot.Waiting, snapshot.OldestWaitingAge?.TotalSeconds, snapshot.FailedLastHour, snapshot.UncertainLastHour),
            snapshot.AccountsNeedingSignIn,
            reported,
            time.GetUtcNow());
        return Results.Json(details, HealthJsonContext.Default.HealthDetails);
    }
}
