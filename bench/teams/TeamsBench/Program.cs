using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

// Usage: dotnet run -c Release --project bench/teams/TeamsBench -- <published ChatBot.dll> [concurrency=32] [seconds=10]
// Starts an OpenID metadata + JWKS stand-in, then the published bot (token validation on, SQLite in a temp folder),
// then N loops POSTing signed composeExtension/fetchTask invokes for the given time. Prints req/s and latencies.
var botDll = args.Length > 0 ? Path.GetFullPath(args[0]) : throw new ArgumentException("path to the published ChatBot.dll");
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
// "auth-only": an invoke with no handler (501) measures validation and dispatch without the handler's work.
// "slack": the Slack /ticket command on the same host (HMAC verification, cached users.info, views.open on a stand-in).
var mode = args.Length > 3 ? args[3] : "fetchtask";
var authOnly = mode == "auth-only";
var slack = mode == "slack";
const string SlackSecret = "bench-slack-signing-secret";
const string AppId = "5f0c7e2a-0b1d-4c3e-9a8f-0000000000be";
const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

using var rsa = RSA.Create(2048);
var key = new RsaSecurityKey(rsa) { KeyId = "bench-kid" };
var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);

var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
await using var login = builder.Build();
login.MapGet("/metadata", (HttpContext http) => Results.Text(
    new JsonObject { ["issuer"] = "https://api.botframework.com", ["jwks_uri"] = $"http://{http.Request.Host}/keys" }.ToJsonString(), "application/json"));
login.MapGet("/keys", () => Results.Text(new JsonObject
{
    ["keys"] = new JsonArray(new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["kid"] = key.KeyId, ["n"] = jwk.N, ["e"] = jwk.E, ["endorsements"] = new JsonArray("msteams") }),
}.ToJsonString(), "application/json"));
// A Slack Web API stand-in for the comparison: users.info (with locale) and views.open answer at once.
login.MapPost("/slack/users.info", () => Results.Text(
    """{"ok":true,"user":{"id":"U0BENCH","team_id":"T0BENCH","name":"bench","real_name":"Bench User","locale":"it-IT","profile":{"email":"bench@example.com","real_name":"Bench User"}}}""", "application/json"));
login.MapPost("/slack/views.open", () => Results.Text("""{"ok":true,"view":{"id":"V0BENCH"}}""", "application/json"));
await login.StartAsync();
var loginUrl = login.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

var port = FreePort();
var data = Directory.CreateTempSubdirectory("teams-bench-").FullName;
var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(botDll)! };
start.ArgumentList.Add(botDll);
start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
start.Environment["Logging__LogLevel__Default"] = "Warning";
start.Environment["Teams__AppId"] = AppId;
start.Environment["Teams__AppPassword"] = "bench-secret";
start.Environment["Teams__OpenIdMetadataUrl"] = loginUrl + "/metadata";
start.Environment["Storage__DataPath"] = data;
start.Environment["Keliweb__Username"] = "bench@example.com";
start.Environment["Keliweb__Password"] = "unused";
start.Environment["Tickets__Departments__0__Id"] = "1";
start.Environment["Tickets__Departments__0__Name"] = "Technical support";
start.Environment["Slack__SigningSecret"] = SlackSecret;
start.Environment["Slack__BotToken"] = "xoxb-bench";
start.Environment["Slack__ApiBaseUrl"] = loginUrl + "/slack/";
using var bot = Process.Start(start)!;
bot.OutputDataReceived += (_, _) => { };
bot.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("bot: " + e.Data); };
bot.BeginOutputReadLine();
bot.BeginErrorReadLine();

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
await WaitForAsync(client, TimeSpan.FromSeconds(30));

var handler = new JsonWebTokenHandler();
string Token() => handler.CreateToken(new SecurityTokenDescriptor
{
    Issuer = "https://api.botframework.com",
    Audience = AppId,
    Expires = DateTime.UtcNow.AddMinutes(30),
    Subject = new ClaimsIdentity([new Claim("serviceurl", ServiceUrl)]),
    SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
});

// Tokens are signed ahead (the Connector signs, not the bot): the figures measure the bot alone. A pool of
// distinct tokens, as each connector request carries its own.
var tokens = Enumerable.Range(0, 256).Select(_ => Token()).ToArray();
var slackBody = "token=x&team_id=T0BENCH&team_domain=bench&channel_id=C0BENCH&channel_name=general&user_id=U0BENCH&user_name=bench"
    + "&command=%2Fticket&text=Sito+non+raggiungibile&api_app_id=A0BENCH&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1&trigger_id=1.2.3";
var slackTimestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
var slackSignature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SlackSecret), Encoding.UTF8.GetBytes($"v0:{slackTimestamp}:{slackBody}")));
var body = Encoding.UTF8.GetBytes(slack ? slackBody : authOnly ? FetchTask().Replace("composeExtension/fetchTask", "composeExtension/query", StringComparison.Ordinal) : FetchTask());
var expected = authOnly ? HttpStatusCode.NotImplemented : HttpStatusCode.OK;

async Task<(bool Ok, double Ms)> SendAsync(int i)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, slack ? "/slack/commands" : "/api/messages") { Content = new ByteArrayContent(body) };
    if (slack)
    {
        // Signed once before the run: Slack accepts a timestamp for 5 minutes, the run lasts seconds.
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", slackTimestamp);
        request.Headers.Add("X-Slack-Signature", slackSignature);
    }
    else
    {
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = new("Bearer", tokens[i % tokens.Length]);
    }

    var started = Stopwatch.GetTimestamp();
    using var response = await client.SendAsync(request);
    await response.Content.ReadAsByteArrayAsync();
    return (response.StatusCode == expected, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}

for (var i = 0; i < 500; i++)
{
    var (ok, _) = await SendAsync(i); // warm-up: JIT, keys, SQLite
    if (!ok)
    {
        throw new InvalidOperationException("warm-up request failed");
    }
}

var latencies = new List<double>[concurrency];
var failures = 0;
var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
var wall = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async loop =>
{
    var mine = latencies[loop] = [];
    for (var i = loop; Stopwatch.GetTimestamp() < stopAt; i += concurrency)
    {
        var (ok, ms) = await SendAsync(i);
        mine.Add(ms);
        if (!ok)
        {
            Interlocked.Increment(ref failures);
        }
    }
}));
wall.Stop();

var all = latencies.SelectMany(l => l).Order().ToArray();
double Percentile(double p) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{(slack ? "Slack /ticket (signature on)" : authOnly ? "unhandled invoke (auth + dispatch only)" : "fetchTask")}, validation on: {concurrency} loops, {wall.Elapsed.TotalSeconds:F1} s, {all.Length} requests, {failures} failed, " +
    $"{all.Length / wall.Elapsed.TotalSeconds:F0} req/s, p50 {Percentile(0.50):F2} ms, p99 {Percentile(0.99):F2} ms, max {all[^1]:F2} ms"));

bot.Kill(entireProcessTree: true);
await bot.WaitForExitAsync();
Directory.Delete(data, recursive: true);
return failures == 0 ? 0 : 1;

static int FreePort()
{
    using var socket = new TcpListener(IPAddress.Loopback, 0);
    socket.Start();
    return ((IPEndPoint)socket.LocalEndpoint).Port;
}

static async Task WaitForAsync(HttpClient client, TimeSpan timeout)
{
    var deadline = DateTime.UtcNow + timeout;
    while (DateTime.UtcNow < deadline)
    {
        try
        {
            using var response = await client.GetAsync("/healthz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // not listening yet
        }

        await Task.Delay(100);
    }

    throw new TimeoutException("the bot did not start");
}

static string FetchTask() => $$$"""
{"type":"invoke","name":"composeExtension/fetchTask","id":"f:bench","serviceUrl":"{{{ServiceUrl}}}","channelId":"msteams",
 "from":{"id":"29:1bench","name":"Bench User","aadObjectId":"00000000-0000-0000-0000-0000000000aa"},
 "recipient":{"id":"28:{{{AppId}}}","name":"Bot"},
 "conversation":{"isGroup":true,"conversationType":"channel","tenantId":"bench-tenant","id":"19:general@thread.tacv2;messageid=1732785011000"},
 "channelData":{"channel":{"id":"19:general@thread.tacv2"},"tenant":{"id":"bench-tenant"},"source":{"name":"compose"}},
 "value":{"commandId":"createTicket","commandContext":"message","messagePayload":{"id":"1732785055000","replyToId":"1732785011000",
   "linkToMessage":"https://teams.microsoft.com/l/message/19:general@thread.tacv2/1732785055000",
   "body":{"contentType":"html","content":"<div><at id=\"0\">Bot</at> the checkout on <b>shop.example.it</b> fails &amp; returns 500<ul><li>since 9:00</li></ul></div>"},
   "from":{"user":{"id":"b130c271","displayName":"Olo Brockhouse"}},"attachments":[]}},
 "locale":"it-IT"}
""";
