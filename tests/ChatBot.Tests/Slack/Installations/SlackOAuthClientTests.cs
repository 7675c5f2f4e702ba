using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Slack;
using ChatBot.Slack.Installations;
using ChatBot.Tests.Fuzz;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace ChatBot.Tests.Slack.Installations;

/// <summary>oauth.v2.access answers read by the real client from a loopback server that answers what the test says.</summary>
public sealed class SlackOAuthClientTests
{
    private static async Task<OAuthOutcome> AnswerAsync(JsonObject body, bool refresh = false)
    {
        await using var server = await ScriptedAnswerServer.StartAsync();
        server.Script([new ScriptedAnswer(200, new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body.ToJsonString()))]);
        var monitor = Substitute.For<IOptionsMonitor<SlackOptions>>();
        monitor.CurrentValue.Returns(new SlackOptions { ClientId = "1.2", ClientSecret = "secret", ApiBaseUrl = new Uri(server.BaseUrl, "api/") });
        using var http = new HttpClient();
        var client = new SlackOAuthClient(http, monitor, NullLogger<SlackOAuthClient>.Instance);
        return refresh ? await client.RefreshAsync("xoxe-1-old", default) : await client.ExchangeCodeAsync("code", new Uri("https://bot.example/slack/oauth_redirect"), default);
    }

    private static JsonObject Granted(string accessToken, string? refreshToken = null) => new()
    {
        ["ok"] = true, ["access_token"] = accessToken, ["token_type"] = "bot", ["bot_user_id"] = "UB0KELIWEB", ["scope"] = "commands",
        ["team"] = new JsonObject { ["id"] = "T0KELIWEB" }, ["refresh_token"] = refreshToken, ["expires_in"] = refreshToken is null ? null : 43200,
    };

    [Theory]
    [InlineData("xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy", null)]
    [InlineData("xoxe.xoxb-1-MS0yLTE3NjUzNjcyNDgx", "xoxe-1-My0xLTE3NjUzNjcyNDgx")]
    public async Task ABotToken_IsTaken(string access, string? refresh)
    {
        var outcome = await AnswerAsync(Granted(access, refresh), refresh is not null);
        Assert.True(outcome.IsOk, outcome.Error);
        Assert.Equal(access, outcome.Answer!.AccessToken);
    }

    /// <summary>
    /// Fuzz finding (slack-oauth-answers/access, seed 4242): an access_token of " " was stored as an installed workspace.
    /// Whatever is taken goes into every Authorization header for the workspace, so anything not shaped like a bot token is refused.
    /// </summary>
    [Theory]
    [InlineData(" ", null)]
    [InlineData("xoxb-", null)]
    [InlineData("xoxb-abc def", null)]
    [InlineData("xoxb-abc\r\nX-Injected: 1", null)]
    [InlineData("xoxp-a-user-token", null)]
    [InlineData("xoxe.xoxb-1-ok", "not a refresh token")]
    [InlineData("xoxe.xoxb-1-ok", "xoxe-\u0001")]
    public async Task AMalformedToken_IsRefused_AsAnAnswerWithoutAToken(string access, string? refresh)
    {
        var outcome = await AnswerAsync(Granted(access, refresh), refresh is not null);
        Assert.False(outcome.IsOk);
        Assert.False(outcome.Unavailable);
        Assert.Equal("malformed_token", outcome.Error);
    }

    [Fact]
    public async Task AHugeToken_IsRefused()
    {
        var outcome = await AnswerAsync(Granted("xoxb-" + new string('a', SlackOAuthClient.MaxTokenLength)));
        Assert.Equal("malformed_token", outcome.Error);
    }
}
