using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.Teams;

/// <summary>
/// The real app (<see cref="Program"/>) configured for Teams against loopback stand-ins: Bot Framework login
/// (OpenID metadata, JWKS, token endpoint), the connector, and optionally the Keliweb PHP stand-in. SQLite in a
/// temporary folder.
/// </summary>
public sealed class TeamsTestHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;
    private readonly string dataPath;

    private TeamsTestHost(
        BotFrameworkTokenSigner signer, BotFrameworkLoginStandIn login, TeamsConnectorStandIn connector, KeliwebStandIn? keliweb,
        WebApplicationFactory<Program> factory, string dataPath, CapturedLogs logs)
    {
        Logs = logs;
        Signer = signer;
        Login = login;
        Connector = connector;
        Keliweb = keliweb;
        this.factory = factory;
        this.dataPath = dataPath;
        Client = factory.CreateClient();
    }

    public BotFrameworkTokenSigner Signer { get; }

    public BotFrameworkLoginStandIn Login { get; }

    public TeamsConnectorStandIn Connector { get; }

    public KeliwebStandIn? Keliweb { get; }

    public HttpClient Client { get; }

    /// <summary>Every line the app logged, with its level first.</summary>
    public CapturedLogs Logs { get; }

    public IServiceProvider Services => factory.Services;

    /// <summary>Where the bot listens when started with <c>signIn</c>; null otherwise.</summary>
    public Uri? BaseAddress { get; private init; }

    /// <param name="kestrel">Serve on real Kestrel (loopback) instead of the in-memory test server, for remote-address checks.</param>
    /// <param name="services">Replaces app services after the app registered its own (e.g. an HTTP client's handler).</param>
    /// <param name="configure">Sets settings that name the stand-ins' addresses (login, connector), after <paramref name="settings"/>.</param>
    /// <param name="linked">Link the default tenant to the default account (and configure that account); false: nobody is served.</param>
    /// <param name="signIn">Serve on Kestrel at a known port with PublicBaseUrl set, so the sign-in page is on and a browser reaches it.</param>
    public static async Task<TeamsTestHost> StartAsync(
        bool withKeliweb = true,
        IDictionary<string, string?>? settings = null,
        bool kestrel = false,
        Action<IServiceCollection>? services = null,
        bool linked = true,
        bool signIn = false,
        Action<IDictionary<string, string?>, BotFrameworkLoginStandIn, TeamsConnectorStandIn>? configure = null)
    {
        var signer = new BotFrameworkTokenSigner();
        var login = await BotFrameworkLoginStandIn.StartAsync(signer);
        var connector = await TeamsConnectorStandIn.StartAsync(login);
        var keliweb = withKeliweb ? await KeliwebStandIn.StartAsync() : null;
        var dataPath = Directory.CreateTempSubdirectory("teams-host-").FullName;
        var configuration = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = BotFrameworkTokenSigner.AppId,
            ["Teams:AppPassword"] = BotFrameworkLoginStandIn.AppPassword,
            ["Teams:OpenIdMetadataUrl"] = login.MetadataUrl.ToString(),
            ["Teams:TokenEndpoint"] = login.TokenEndpoint.ToString(),
            // The connector stand-in also serves the pre-authenticated downloads, over http on loopback.
            ["Teams:FileHosts:0"] = "127.0.0.1:" + connector.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:DataPath"] = dataPath,
            // The tenant's workspace link: tickets open for Keliweb client 42 with the default account.
            ["Links:0:Platform"] = "teams",
            ["Links:0:TeamId"] = TeamsConversation.DefaultTenantId,
            ["Links:0:Account"] = "default",
            ["Links:0:ClientId"] = "42",
            ["Keliweb:Username"] = KeliwebStandIn.DefaultUsername,
            ["Keliweb:Password"] = KeliwebStandIn.UserPassword,
        }.WithDepartments();
        foreach (var (key, value) in keliweb?.Configuration ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        if (!linked)
        {
            foreach (var key in configuration.Keys.Where(k => k.StartsWith("Links:", StringComparison.Ordinal) || k is "Keliweb:Username" or "Keliweb:Password").ToList())
            {
                configuration.Remove(key);
            }
        }

        var port = signIn ? LoopbackPort.Free() : 0;
        if (signIn)
        {
            configuration["PublicBaseUrl"] = $"http://127.0.0.1:{port}/";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        configure?.Invoke(configuration, login, connector);

        var logs = new CapturedLogs();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureLogging(l => l.AddProvider(logs));
            foreach (var (key, value) in configuration)
            {
                builder.UseSetting(key, value);
            }

            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        });
        if (signIn)
        {
            factory.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, port));
        }
        else if (kestrel)
        {
            // A free port of the kernel's choosing: UseKestrel(0) left the app on its default localhost:5000, which
            // another suite or a running bot on the same machine may hold.
            factory.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        }

        try
        {
            return new TeamsTestHost(signer, login, connector, keliweb, factory, dataPath, logs) { BaseAddress = signIn ? new Uri($"http://127.0.0.1:{port}/") : null };
        }
        catch
        {
            // The app refused to start (options validation): do not leak the stand-ins.
            await factory.DisposeAsync();
            await connector.DisposeAsync();
            await login.DisposeAsync();
            if (keliweb is not null)
            {
                await keliweb.DisposeAsync();
            }

            signer.Dispose();
            throw;
        }
    }

    public TeamsConversation Personal(string locale = "en-US") => TeamsConversation.Personal(Connector.ServiceUrl, locale);

    public TeamsConversation ChannelThread(string locale = "en-US") => TeamsConversation.ChannelThread(Connector.ServiceUrl, locale);

    public TeamsConversation Team(string locale = "en-US") => TeamsConversation.Team(Connector.ServiceUrl, locale);

    /// <summary>POSTs the activity with a valid Connector token for its serviceUrl, or with <paramref name="token"/> ("" for none).</summary>
    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        token ??= Signer.Sign(activity["serviceUrl"]!.GetValue<string>());
        if (token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request);
    }

    public async Task<IReadOnlyList<Submission>> SubmissionsAsync() =>
        await Services.GetRequiredService<TicketOutbox>().ListAsync(1000, CancellationToken.None);

    /// <summary>Polls the Keliweb stand-in for a ticket with this subject.</summary>
    public async Task<StandInTicket> WaitForTicketAsync(string subject, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if ((await Keliweb!.GetTicketsAsync()).FirstOrDefault(t => t.Subject == subject) is { } ticket)
            {
                return ticket;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No ticket '{subject}' was opened.\n{Keliweb!.ServerLog}");
    }


    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
        await Connector.DisposeAsync();
        await Login.DisposeAsync();
        if (Keliweb is not null)
        {
            await Keliweb.DisposeAsync();
        }

        Signer.Dispose();
        try
        {
            Directory.Delete(dataPath, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment on some systems; it is a temp folder.
        }
    }
}
