using System.Text.Json.Nodes;
using ChatBot.Slack.Endpoints;
using ChatBot.Slack.Handlers;
using Json.Schema;

namespace ChatBot.Tests.Slack;

/// <summary>manifests/slack/manifest.json against Slack's published schema (draft-07, copied under Fixtures/Slack with its LICENSE).</summary>
public sealed class SlackManifestTests
{
    private static JsonNode Manifest(string file = "manifest.json") => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "manifests", "slack", file)))!;

    private static JsonSchema Schema() =>
        JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Slack", "manifest.schema.1.0.0.json"));

    [Fact]
    public void Manifest_IsValidAgainstSlacksSchema()
    {
        var result = Schema().Evaluate(Manifest(), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public void SocketModeManifest_IsValid_HasNoRequestUrls_AndIsTheSameAppOtherwise()
    {
        var socket = Manifest("manifest-socket.json");
        var result = Schema().Evaluate(socket, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        Assert.True(socket["settings"]!["socket_mode_enabled"]!.GetValue<bool>());
        Assert.DoesNotContain("http", socket.ToJsonString(), StringComparison.Ordinal);

        // Put the URLs back and switch Socket Mode off: what is left must be the HTTP manifest, so the two cannot drift.
        socket["features"]!["slash_commands"]![0]!["url"] = "https://chatbot.example.com/slack/commands";
        socket["settings"]!["interactivity"]!["request_url"] = "https://chatbot.example.com/slack/interactivity";
        // Socket Mode carries block_suggestion over the socket too: no options load URL.
        socket["settings"]!["interactivity"]!["message_menu_options_url"] = "https://chatbot.example.com/slack/options";
        socket["settings"]!["event_subscriptions"]!["request_url"] = "https://chatbot.example.com/slack/events";
        // One workspace over the socket installs from the app's page; Add to Slack adds its redirect URL by hand (README).
        socket["oauth_config"]!["redirect_urls"] = new JsonArray("https://chatbot.example.com/slack/oauth_redirect");
        socket["settings"]!["socket_mode_enabled"] = false;
        Assert.True(JsonNode.DeepEquals(Sorted(Manifest()), Sorted(socket)), "manifest-socket.json differs from manifest.json by more than Socket Mode");
    }

    [Fact]
    public async Task ManifestScript_SocketMode_WritesTheSocketManifest_WithoutAUrl()
    {
        var script = Path.Combine(RepositoryRoot.Find(), "manifests", "slack", "manifest.sh");

        var (exit, output, error) = await ChatBot.Tests.Deploy.ExternalTool.RunAsync("sh", [script, "--mode", "socket"]);

        Assert.True(exit == 0, output + error);
        var manifest = JsonNode.Parse(output)!;
        Assert.True(manifest["settings"]!["socket_mode_enabled"]!.GetValue<bool>());
        Assert.True(Schema().Evaluate(manifest).IsValid);
    }

    private static JsonNode Sorted(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(e => e is null ? null : Sorted(e))]),
        _ => node.DeepClone(),
    };

    [Fact]
    public void Schema_RejectsABrokenManifest_SoTheCheckCanFail()
    {
        var badOptionsUrl = Manifest();
        badOptionsUrl["settings"]!["interactivity"]!["message_menu_options_url"] = "not a url";
        Assert.False(Schema().Evaluate(badOptionsUrl).IsValid);

        var broken = Manifest();
        broken["features"]!["shortcuts"]![0]!["name"] = "A shortcut name that is far too long";
        broken["features"]!["slash_commands"]![0]!["command"] = "ticket";
        Assert.False(Schema().Evaluate(broken).IsValid);
    }

    [Fact]
    public async Task ManifestScript_WritesAReadyManifestForThePublicUrl_StillValid()
    {
        var script = Path.Combine(RepositoryRoot.Find(), "manifests", "slack", "manifest.sh");

        var (exit, output, error) = await ChatBot.Tests.Deploy.ExternalTool.RunAsync("sh", [script, "https://bot.acme.example/chat"]);

        Assert.True(exit == 0, output + error);
        Assert.DoesNotContain("chatbot.example.com", output, StringComparison.Ordinal);
        var manifest = JsonNode.Parse(output)!;
        Assert.Equal("https://bot.acme.example/chat" + SlackEndpoints.CommandsPath, manifest["features"]!["slash_commands"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("https://bot.acme.example/chat" + SlackEndpoints.InteractivityPath, manifest["settings"]!["interactivity"]!["request_url"]!.GetValue<string>());
        Assert.Equal("https://bot.acme.example/chat" + SlackEndpoints.EventsPath, manifest["settings"]!["event_subscriptions"]!["request_url"]!.GetValue<string>());
        Assert.Equal("https://bot.acme.example/chat" + SlackEndpoints.OptionsPath, manifest["settings"]!["interactivity"]!["message_menu_options_url"]!.GetValue<string>());
        Assert.False(manifest["settings"]!["socket_mode_enabled"]!.GetValue<bool>());
        Assert.True(Schema().Evaluate(manifest).IsValid);
    }

    [Theory]
    [InlineData("http://bot.acme.example/", "not an https URL")]
    [InlineData("--mode socket https://bot.acme.example/", "Socket Mode needs no public URL")]
    [InlineData("--mode ftp https://bot.acme.example/", "unknown mode")]
    public async Task ManifestScript_RefusesWhatItCannotWrite_WithExitTwo(string arguments, string expected)
    {
        var script = Path.Combine(RepositoryRoot.Find(), "manifests", "slack", "manifest.sh");

        var (exit, output, error) = await ChatBot.Tests.Deploy.ExternalTool.RunAsync("sh", [script, .. arguments.Split(' ')]);

        Assert.Equal((2, ""), (exit, output));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_DeclaresWhatTheBotHandles()
    {
        var manifest = Manifest();
        Assert.Equal(TicketCommandHandler.Command, manifest["features"]!["slash_commands"]![0]!["command"]!.GetValue<string>());
        Assert.EndsWith(SlackEndpoints.CommandsPath, manifest["features"]!["slash_commands"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        var shortcut = manifest["features"]!["shortcuts"]![0]!;
        Assert.Equal("message", shortcut["type"]!.GetValue<string>());
        Assert.Equal(TicketShortcutHandler.CallbackId, shortcut["callback_id"]!.GetValue<string>());
        Assert.EndsWith(SlackEndpoints.InteractivityPath, manifest["settings"]!["interactivity"]!["request_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(SlackEndpoints.EventsPath, manifest["settings"]!["event_subscriptions"]!["request_url"]!.GetValue<string>(), StringComparison.Ordinal);
        // The service typeahead's external_select asks this URL for its options (block_suggestion).
        Assert.EndsWith(SlackEndpoints.OptionsPath, manifest["settings"]!["interactivity"]!["message_menu_options_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(
            ["channels:history", "chat:write", "commands", "files:read", "groups:history", "im:history", "im:write", "mpim:history", "reactions:write", "users:read", "users:read.email"],
            manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>()).Order());
        // The ticket sync hears replies in tickets' threads wherever the bot is: channels, private channels, DMs, group DMs.
        Assert.Superset(
            new HashSet<string> { "message.channels", "message.groups", "message.im", "message.mpim" },
            manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(s => s!.GetValue<string>()).ToHashSet());
    }
}
