using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace SyncFollowing;

/// <summary>
/// A Keliweb stand-in run as a child process (so its CPU is not the sync's): open-ticket at once, get-ticket after
/// <c>latency</c> ms with WHMCS's conversation shape. Every 40th look at a ticket finds a new staff reply (so some
/// tickets turn active, as in life). <c>GET /stats</c>: get-ticket calls per whole second since <c>POST /reset</c>.
/// </summary>
internal static class SlowKeliweb
{
    public static async Task RunAsync(int latencyMs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var tickets = 0;
        // Keliweb writes local time without a zone; here it is UTC, and tickets are dated when the stand-in started.
        var opened = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var looks = new ConcurrentDictionary<int, int>();
        var perSecond = new ConcurrentDictionary<long, int>();
        var since = DateTimeOffset.UtcNow;
        var inFlight = 0;
        var maxInFlight = 0;

        app.MapPost("/oauth/token", () => Results.Text(
            """{"token_type":"Bearer","expires_in":3600,"access_token":"bench-access","refresh_token":"bench-refresh"}""", "application/json"));
        app.MapPost("/api/v2/keliweb/open-ticket", async (HttpRequest request) =>
        {
            await request.ReadFormAsync();
            var n = Interlocked.Increment(ref tickets);
            return Results.Text($$"""{"result":"success","id":"{{n}}","tid":"{{100000 + n}}","c":"Bench{{n}}"}""", "application/json");
        });
        app.MapPost("/api/v2/keliweb/get-ticket", async (HttpRequest request) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            try
            {
                var form = await request.ReadFormAsync();
                var id = int.Parse(form["ticketid"].ToString(), CultureInfo.InvariantCulture);
                perSecond.AddOrUpdate((long)(DateTimeOffset.UtcNow - since).TotalSeconds, 1, (_, c) => c + 1);
                var look = looks.AddOrUpdate(id, 1, (_, c) => c + 1);
                await Task.Delay(latencyMs);
                return Results.Text(Ticket(id, 1 + (look / 40), opened), "application/json");
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        });
        app.MapPost("/reset", () =>
        {
            perSecond.Clear();
            since = DateTimeOffset.UtcNow;
            maxInFlight = 0;
            return Results.Ok();
        });
        app.MapGet("/stats", () =>
        {
            var seconds = perSecond.IsEmpty ? 0 : perSecond.Keys.Max() + 1;
            var counts = string.Join(",", Enumerable.Range(0, (int)seconds).Select(s => perSecond.GetValueOrDefault(s)));
            return Results.Text($"{maxInFlight};{counts}");
        });
        await app.StartAsync();
        Console.WriteLine("ready " + app.Urls.First());
        // Runs until the benchmark closes our standard input (or dies).
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
    }

    /// <summary>The opening message, one staff reply from before the announcement, and <paramref name="staffReplies"/> after it.</summary>
    private static string Ticket(int id, int staffReplies, string opened)
    {
        var replies = new StringBuilder();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        replies.Append(Reply(0, "", opened, "The invoice of October is wrong."));
        for (var r = 1; r <= staffReplies; r++)
        {
            replies.Append(',').Append(Reply(r, "Mario Rossi", r == 1 ? opened : now, $"Reply {r} from **support**."));
        }

        return $$$"""
            {"result":"success","ticketid":"{{{id}}}","tid":"{{{100000 + id}}}","c":"Bench{{{id}}}","deptid":"1","subject":"Bench {{{id}}}",
             "status":"{{{(staffReplies > 1 ? "Answered" : "Open")}}}","date":"{{{opened}}}","lastreply":"{{{opened}}}",
             "replies":{"reply":[{{{replies}}}]}}
            """;
    }

    private static string Reply(int id, string admin, string date, string message) =>
        $$"""{"replyid":"{{id}}","userid":"7","name":"{{admin}}","email":"","date":"{{date}}","message":"{{message}}","attachment":"","admin":"{{admin}}"}""";

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
