using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Health;

/// <summary><c>/healthz/details</c>: off without a token, refused without the right one, and a true picture with it.</summary>
public sealed class HealthDetailsTests
{
    private const string Token = "details-token-5e1f";

    [Fact]
    public async Task WithoutAToken_TheEndpointDoesNotExist()
    {
        await using var host = await SlackHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri("/healthz/details", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic ZGV0YWlscy10b2tlbi01ZTFm")]
    public async Task WithoutTheRightBearer_ItIsRefused(string? authorization)
    {
        await using var host = await SlackHost.StartAsync(settings: new Dictionary<string, string?> { ["Health:DetailsToken"] = Token });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz/details");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("waiting", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheToken_ReportsKeliweb_TheQueue_FailuresOfTheLastHour_AndAccountsNeedingSignIn()
    {
        await using var host = await SlackHost.StartAsync(settings: new Dictionary<string, string?> { ["Health:DetailsToken"] = Token });
        using (var ok = await DetailsAsync(host))
        {
            var healthy = JsonNode.Parse(await ok.Content.ReadAsStringAsync())!;
            Assert.Equal("ok", healthy["status"]!.GetValue<string>());
            Assert.True(healthy["keliweb"]!["reachable"]!.GetValue<bool>());
            Assert.Equal(0, healthy["outbox"]!["waiting"]!.GetValue<long>());
        }

        var store = Path.Combine(host.Factory.Services.GetRequiredService<ChatBot.Storage.Database>().DataPath!, "chatbot.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store}"))
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await connection.ExecuteAsync(
                """
                INSERT INTO submissions (id, idempotency_key, platform, team_id, user_id, state, draft, attempts, next_attempt_at, notice_due, created_at, updated_at)
                VALUES ('w1', 'k1', 'slack', 'T0KELIWEB', 'U0ENGLISH1', 'Accepted', '{}', 0, @later, 0, @old, @old),
                       ('f1', 'k2', 'slack', 'T0KELIWEB', 'U0ENGLISH1', 'Failed', '{}', 1, 0, 0, @now, @now),
                       ('u1', 'k3', 'slack', 'T0KELIWEB', 'U0ENGLISH1', 'Uncertain', '{}', 1, 0, 0, @now, @now),
                       ('f0', 'k4', 'slack', 'T0KELIWEB', 'U0ENGLISH1', 'Failed', '{}', 1, 0, 0, @hoursAgo, @hoursAgo)
                """,
                new { now, later = now + 3_600_000, old = now - 120_000, hoursAgo = now - 7_200_000 });
            await connection.ExecuteAsync("INSERT INTO accounts (id, email, needs_login, needs_login_reason, created_at, updated_at) VALUES ('acme', '', 1, 'refused', 0, 0)");
        }

        await Task.Delay(ChatBot.Health.StoreSnapshots.MaxAge + TimeSpan.FromMilliseconds(200));
        using var degraded = await DetailsAsync(host);

        var details = JsonNode.Parse(await degraded.Content.ReadAsStringAsync())!;
        Assert.Equal("degraded", details["status"]!.GetValue<string>());
        Assert.Equal(1, details["outbox"]!["waiting"]!.GetValue<long>());
        Assert.Equal(1, details["outbox"]!["waitingByState"]!["Accepted"]!.GetValue<long>());
        Assert.InRange(details["outbox"]!["oldestWaitingSeconds"]!.GetValue<double>(), 100, 3600);
        Assert.Equal(1, details["outbox"]!["failedLastHour"]!.GetValue<long>());
        Assert.Equal(1, details["outbox"]!["uncertainLastHour"]!.GetValue<long>());
        Assert.Equal(["acme"], details["accountsNeedingSignIn"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains(details["problems"]!.AsArray(), p => p!.GetValue<string>().Contains("account(s) need a new sign-in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeliwebNotAnswering_IsReportedUnreachable()
    {
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var host = await SlackHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Health:DetailsToken"] = Token,
            ["Keliweb:BaseUrl"] = $"http://127.0.0.1:{port}/",
        });

        using var response = await DetailsAsync(host);

        var details = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("degraded", details["status"]!.GetValue<string>());
        Assert.False(details["keliweb"]!["reachable"]!.GetValue<bool>());
        Assert.Equal("ConnectionError", details["keliweb"]!["error"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> DetailsAsync(SlackHost host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthz/details");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return host.Client.SendAsync(request);
    }
}
