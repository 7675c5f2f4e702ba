using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatBot.Tests.Teams.Manifest;

namespace ChatBot.Tests.Deploy;

/// <summary>
/// deploy/: what this machine can check without Docker. The compose file against the Compose Specification's schema
/// and against what the bot needs (two instances on one PostgreSQL, a stop grace period longer than an open-ticket in
/// flight); the Caddyfile with Caddy's own validator.
/// </summary>
public sealed partial class DeployTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "deploy");

    [Fact]
    public async Task ComposeFile_IsValid_AndRunsTwoInstancesOnOnePostgres_BehindTheProxy()
    {
        var js = Path.Combine(RepositoryRoot.Path, "tests", "js");
        var (exit, output, error) = await ExternalTool.RunAsync("node", [Path.Combine(js, "check-compose.js"), Path.Combine(Folder, "compose.yaml")]);
        var result = JsonNode.Parse(output)!;

        Assert.True(exit == 0, output + error);
        Assert.Empty(result["errors"]!.AsArray());
        var services = result["compose"]!["services"]!.AsObject();
        Assert.Equal(["chatbot-1", "chatbot-2", "postgres", "proxy"], services.Select(s => s.Key).Order());
        var connection = services["chatbot-1"]!["environment"]!["Storage__ConnectionString"]!.GetValue<string>();
        foreach (var bot in new[] { "chatbot-1", "chatbot-2" })
        {
            var service = services[bot]!;
            Assert.Equal("Postgres", service["environment"]!["Storage__Provider"]!.GetValue<string>());
            Assert.Equal(connection, service["environment"]!["Storage__ConnectionString"]!.GetValue<string>());
            Assert.StartsWith("Host=postgres;", connection, StringComparison.Ordinal);
            Assert.Equal("service_healthy", service["depends_on"]!["postgres"]!["condition"]!.GetValue<string>());
            // The bot waits up to 110 s for an open-ticket in flight (Keliweb:Timeout plus its lease margin) when stopped.
            Assert.True(Seconds(service["stop_grace_period"]!.GetValue<string>()) >= 110, "stop_grace_period shorter than the bot's shutdown");
            Assert.Equal("..", service["build"]!["context"]!.GetValue<string>());
        }

        Assert.Contains("443:443", services["proxy"]!["ports"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.DoesNotContain(services["postgres"]!.AsObject(), p => p.Key == "ports");
    }

    [Fact]
    public async Task Caddyfile_IsValidForCaddy_AndBalancesOverBothInstancesOnReadiness()
    {
        var (exit, output, error) = await ExternalTool.RunAsync(
            "caddy", ["validate", "--config", Path.Combine(Folder, "Caddyfile"), "--adapter", "caddyfile"],
            new Dictionary<string, string> { ["CHATBOT_HOST"] = "chatbot.example.com" });

        Assert.True(exit == 0, output + error);
        Assert.Contains("Valid configuration", output + error, StringComparison.Ordinal);
        var caddyfile = await File.ReadAllTextAsync(Path.Combine(Folder, "Caddyfile"));
        Assert.Contains("reverse_proxy chatbot-1:8080 chatbot-2:8080", caddyfile, StringComparison.Ordinal);
        Assert.Contains("health_uri /readyz", caddyfile, StringComparison.Ordinal);
    }

    private static double Seconds(string duration) => DurationPart().Matches(duration).Sum(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * m.Groups[2].Value switch
    {
        "h" => 3600,
        "m" => 60,
        "s" => 1,
        "ms" => 0.001,
        _ => 0,
    });

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|m|s)")]
    private static partial Regex DurationPart();
}
