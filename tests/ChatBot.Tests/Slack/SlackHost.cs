using System.Diagnostics;
using ChatBot.Tests.StandIns;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.Slack;

/// <summary>
/// The real bot (WebApplicationFactory over Program) with Slack pointed at <see cref="SlackApiStandIn"/>, Keliweb at
/// the PHP <see cref="KeliwebStandIn"/> and storage in a temporary folder.
/// </summary>
public sealed class SlackHost : IAsyncDisposable
{
    public const string SigningSecret = "test-signing-secret-8f742231b10e";
    public const string Team = "T0KELIWEB";
    public const string Channel = "C0SUPPORT";
    public const string ItalianUser = "U0REQUEST1";
    public const string EnglishUser = "U0ENGLISH1";

    private readonly string folder;

    private SlackHost(SlackApiStandIn slack, KeliwebStandIn keliweb, WebApplicationFactory<Program> factory, string folder, CapturedLogs logs)
    {
        Logs = logs;
        Slack = slack;
        Keliweb = keliweb;
        Factory = factory;
        this.folder = folder;
        Client = factory.CreateClient();
        Signer = new SlackRequestSigner(SigningSecret);
    }

    public SlackApiStandIn Slack { get; }
    public KeliwebStandIn Keliweb { get; }
    public WebApplicationFactory<Program> Factory { get; }
    public HttpClient Client { get; }
    public SlackRequestSigner Signer { get; }

    /// <summary>Everything logged at Debug and above.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>Where the bot listens when started with <c>signIn</c> (real Kestrel, for a browser); null on the in-memory server.</summary>
    public Uri? BaseAddress { get; private init; }

    /// <param name="signIn">Serve on real Kestrel (a browser must reach it) with PublicBaseUrl set, so the sign-in page is on.</param>
    /// <param name="provider">"Sqlite" (a temporary folder) or "Postgres" (a fresh database on the test run's server).</param>
    /// <param name="settings">Further configuration, applied last.</param>
    /// <param name="services">Test services (an in-memory exporter...), after the app's.</param>
    /// <param name="addToSlack">"Add to Slack" mode: no bot token, the stand-in's client credentials; workspaces install through <see cref="InstallAsync"/>.</param>
    public static async Task<SlackHost> StartAsync(
        bool defaultAccount = true, string? signingSecret = SigningSecret, bool signIn = false, string provider = "Sqlite",
        IReadOnlyDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null,
        bool addToSlack = false, SocketModeStandIn? socketMode = null)
    {
        var slack = await SlackApiStandIn.StartAsync();
        slack.SocketMode = socketMode;
        var keliweb = await KeliwebStandIn.StartAsync();
        var folder = Directory.CreateTempSubdirectory("chatbot-slack-").FullName;
        var port = signIn ? LoopbackPort.Free() : 0;
        var configuration = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = signingSecret,
            ["Slack:BotToken"] = signingSecret is null ? null : SlackApiStandIn.Token,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Slack:FileHosts:0"] = $"127.0.0.1:{slack.Port}",
            ["Storage:DataPath"] = Path.Combine(folder, "data"),
            ["Tickets:TempPath"] = Path.Combine(folder, "files"),
            ["Tickets:MaxFiles"] = "5",
        }.WithDepartments();
        foreach (var (key, value) in keliweb.Configuration)
        {
            if (defaultAccount || key is not ("Keliweb:Username" or "Keliweb:Password"))
            {
                configuration[key] = value;
            }
        }

        if (defaultAccount)
        {
            // The workspace's link: the default account opens tickets as Keliweb client 7.
            configuration["Links:0:Platform"] = "slack";
            configuration["Links:0:TeamId"] = Team;
            configuration["Links:0:Account"] = "default";
            configuration["Links:0:ClientId"] = "7";
        }

        if (socketMode is not null)
        {
            // Socket Mode alone: the app token and the bot token, no signing secret, so the HTTP endpoints refuse everything.
            configuration["Slack:SigningSecret"] = signingSecret == SigningSecret ? null : signingSecret;
            configuration["Slack:BotToken"] = SlackApiStandIn.Token;
            configuration["Slack:AppToken"] = SocketModeStandIn.AppToken;
            configuration["Slack:SocketHosts:0"] = socketMode.HostEntry;
        }

        if (signIn)
        {
            configuration["PublicBaseUrl"] = $"http://127.0.0.1:{port}/";
        }

        if (addToSlack)
        {
            configuration["Slack:BotToken"] = null;
            configuration["Slack:ClientId"] = SlackOAuthStandIn.ClientId;
            configuration["Slack:ClientSecret"] = SlackOAuthStandIn.ClientSecret;
            configuration["Slack:AuthorizeUrl"] = new Uri(slack.ApiBaseUrl, SlackOAuthStandIn.AuthorizePath).ToString();
            // The in-memory server answers as http://localhost: the install cookie is not Secure there, and the browser keeps it.
            configuration.TryAdd("PublicBaseUrl", "http://localhost/");
        }

        if (provider == "Postgres")
        {
            configuration["Storage:Provider"] = "Postgres";
            configuration["Storage:ConnectionString"] = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        }

        var logs = new CapturedLogs();
        configuration["Logging:LogLevel:Default"] = "Debug";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.ConfigureLogging(l => l.AddProvider(logs));
            if (services is not null)
            {
                Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services);
            }

            foreach (var (key, value) in configuration)
            {
                builder.UseSetting(key, value);
            }
        });
        if (signIn)
        {
            factory.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, port));
        }

        slack.Users[ItalianUser] = new StandInUser(ItalianUser, Team, "giulia", "Giulia Bianchi", "giulia@example.it", "it-IT");
        slack.Users[EnglishUser] = new StandInUser(EnglishUser, Team, "john", "John Smith", "john@example.com", "en-US");
        slack.Users["U0SUPPORT1"] = new StandInUser("U0SUPPORT1", Team, "anna", "Anna Verdi", "anna@example.it", "it-IT");
        slack.BotChannels[Channel] = true;
        var host = new SlackHost(slack, keliweb, factory, folder, logs) { BaseAddress = signIn ? new Uri($"http://127.0.0.1:{port}/") : null };
        return host;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => Client.SendAsync(request);

    /// <summary>
    /// "Add to Slack" as a browser does it, cookies and all: the install page, the stand-in's consent screen for
    /// <paramref name="install"/>, then back to the bot's redirect URL. Returns the bot's last answer (the result page).
    /// </summary>
    public async Task<HttpResponseMessage> InstallAsync(StandInInstall install, HttpClient? browser = null)
    {
        browser ??= Client;
        Slack.OAuth.NextInstall = install;
        var page = await browser.GetStringAsync("/slack/install");
        var consent = AddToSlackLink(page);
        using var slack = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var granted = await slack.GetAsync(consent);
        var back = granted.Headers.Location ?? throw new InvalidOperationException("the consent screen did not send the browser back: " + (int)granted.StatusCode);
        return await browser.GetAsync(back.PathAndQuery);
    }

    /// <summary>The "Add to Slack" button's target on the install page.</summary>
    public static Uri AddToSlackLink(string page) => new(System.Net.WebUtility.HtmlDecode(
        System.Text.RegularExpressions.Regex.Match(page, "id=\"add-to-slack\" href=\"([^\"]+)\"").Groups[1].Value));

    /// <summary>Polls the stand-in's recorded calls until <paramref name="predicate"/> holds; fails at the deadline.</summary>
    public async Task<IReadOnlyList<SlackApiCall>> WaitForCallsAsync(string method, Func<IReadOnlyList<SlackApiCall>, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var calls = Slack.CallsTo(method);
            if (predicate(calls))
            {
                return calls;
            }

            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
            {
                throw new TimeoutException(
                    $"Slack stand-in: {calls.Count} calls to {method}, condition not met. Calls:\n{string.Join("\n", Slack.Calls.Select(c => c.Method + " " + c.Body))}\nKeliweb log:\n{Keliweb.ServerLog}");
            }

            await Task.Delay(50);
        }
    }


    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Keliweb.DisposeAsync();
        await Slack.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
