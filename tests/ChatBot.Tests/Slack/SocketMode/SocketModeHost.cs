using System.Text.Json.Nodes;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Slack.SocketMode;

/// <summary>The real bot in Socket Mode (no signing secret) against <see cref="SocketModeStandIn"/>, with a short ping watchdog.</summary>
public sealed class SocketModeHost : IAsyncDisposable
{
    private SocketModeHost(SlackHost host, SocketModeStandIn socket)
    {
        Host = host;
        Socket = socket;
    }

    public SlackHost Host { get; }
    public SocketModeStandIn Socket { get; }

    /// <param name="addToSlack">Socket Mode for the workspaces that install the app: the app token and client credentials, no bot token.</param>
    public static async Task<SocketModeHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, Action<SocketModeStandIn>? prepare = null, bool addToSlack = false)
    {
        var socket = await SocketModeStandIn.StartAsync();
        prepare?.Invoke(socket);
        var all = new Dictionary<string, string?>
        {
            ["Slack:SocketPingInterval"] = "00:00:01",
            ["Slack:SocketPingTimeout"] = "00:00:03",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new SocketModeHost(await SlackHost.StartAsync(settings: all, socketMode: socket, addToSlack: addToSlack), socket);
    }

    /// <summary>A slash command's payload as Socket Mode carries it: the form's fields as a JSON object.</summary>
    public static JsonObject Command(string userId, string triggerId, string text = "Mail server &amp; DNS")
    {
        var payload = new JsonObject();
        foreach (var (key, value) in SlackPayloads.Command(userId, triggerId, text))
        {
            payload[key] = value;
        }

        return payload;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Socket.DisposeAsync();
    }
}
