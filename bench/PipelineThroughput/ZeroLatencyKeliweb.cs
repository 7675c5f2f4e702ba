namespace PipelineThroughput;

/// <summary>A Keliweb stand-in that answers at once: the benchmark measures the bot, not the stand-in.</summary>
internal sealed class ZeroLatencyKeliweb : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _tickets;

    private ZeroLatencyKeliweb(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First() + "/";

    public int Tickets => _tickets;

    public static async Task<ZeroLatencyKeliweb> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stand = new ZeroLatencyKeliweb(app);
        app.MapPost("/oauth/token", () => Results.Text(
            """{"token_type":"Bearer","expires_in":3600,"access_token":"bench-access","refresh_token":"bench-refresh"}""", "application/json"));
        app.MapPost("/api/v2/keliweb/open-ticket", async (HttpRequest request) =>
        {
            await request.ReadFormAsync();
            var n = Interlocked.Increment(ref stand._tickets);
            return Results.Text($$"""{"result":"success","id":"{{n}}","tid":"{{100000 + n}}","c":"Bench{{n}}"}""", "application/json");
        });
        await app.StartAsync();
        return stand;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
