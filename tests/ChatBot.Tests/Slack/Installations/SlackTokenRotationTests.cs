using System.Net;
using ChatBot.Slack;
using ChatBot.Slack.Installations;
using ChatBot.Slack.WebApi;
using ChatBot.Tests.StandIns;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace ChatBot.Tests.Slack.Installations;

/// <summary>
/// Token rotation: a token due to expire is refreshed before it is used, once, however many callers want it at the
/// same time, in one process (through the real host) and across two instances sharing one PostgreSQL database.
/// The stand-in refuses a refresh token used twice, so a double refresh would show.
/// </summary>
public sealed class SlackTokenRotationTests
{
    [Fact]
    public async Task ConcurrentCommands_RefreshTheTokenOnce_AndAllUseTheNewOne()
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true);
        // 20 minutes left, Slack:TokenRefreshBefore is 2 hours: due at the first use.
        using (await host.InstallAsync(new StandInInstall(SlackHost.Team, "Keliweb Customer", "U0ADMIN01", TokenLifetimeSeconds: 1200)))
        {
        }

        var first = host.Slack.OAuth.LastToken!;
        Assert.StartsWith("xoxe.xoxb-", first, StringComparison.Ordinal);
        host.Slack.OAuth.RefreshDelay = TimeSpan.FromMilliseconds(400);

        var commands = Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(SlackHost.EnglishUser, host.Slack.IssueTrigger())));
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(commands);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, host.Slack.OAuth.Refreshes);
        Assert.Equal(0, host.Slack.OAuth.SpentRefreshes);
        var refreshed = host.Slack.OAuth.LastToken!;
        Assert.NotEqual(first, refreshed);
        var opens = host.Slack.CallsTo("views.open");
        Assert.Equal(8, opens.Count);
        Assert.All(opens, o => Assert.Equal("Bearer " + refreshed, o.Authorization));
        var accesses = host.Slack.CallsTo(SlackOAuthStandIn.AccessMethod);
        var refresh = accesses[^1];
        Assert.Equal("refresh_token", refresh.Field("grant_type"));
        Assert.StartsWith("Basic ", refresh.Authorization, StringComparison.Ordinal);

        // Both new tokens were stored: the next use needs no refresh.
        var stored = await SlackInstallFlowTests.Store(host).FindTokenAsync(SlackHost.Team, default);
        Assert.Equal(refreshed, stored!.BotToken);
        Assert.True(stored.ExpiresAt > DateTimeOffset.UtcNow.AddHours(11));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoInstancesOnPostgres_RefreshOnce(bool expired)
    {
        await using var slack = await SlackApiStandIn.StartAsync();
        await using var database = await TestDatabase.CreateAsync("Postgres");
        var options = new SlackOptions
        {
            SigningSecret = "s", ClientId = SlackOAuthStandIn.ClientId, ClientSecret = SlackOAuthStandIn.ClientSecret, ApiBaseUrl = slack.ApiBaseUrl,
        };
        var monitor = Substitute.For<IOptionsMonitor<SlackOptions>>();
        monitor.CurrentValue.Returns(options);
        var protection = new EphemeralDataProtectionProvider();
        var oauth = new SlackOAuthClient(new HttpClient(), monitor, NullLogger<SlackOAuthClient>.Instance);

        // An installation whose token rotates, as the redirect stores it, expiring in a minute (or a minute ago).
        slack.OAuth.NextInstall = new StandInInstall(SlackHost.Team, "Keliweb Customer", "U0ADMIN01", TokenLifetimeSeconds: 3600);
        var exchanged = await oauth.ExchangeCodeAsync(slack.OAuth.IssueCode("https://bot.example/slack/oauth_redirect"), new Uri("https://bot.example/slack/oauth_redirect"), default);
        var answer = exchanged.Answer!;
        var store = new SlackInstallationStore(database.Database, protection, TimeProvider.System, NullLogger<SlackInstallationStore>.Instance);
        await store.SaveAsync(
            new SlackInstallation(SlackHost.Team, SlackHost.Team, "Keliweb Customer", null, null, false, "A0", answer.BotUserId!, answer.Scope!, "U0ADMIN01", DateTimeOffset.UtcNow),
            new SlackBotToken(answer.AccessToken!, answer.RefreshToken, DateTimeOffset.UtcNow.AddMinutes(expired ? -1 : 1)),
            default);
        var old = answer.AccessToken!;
        slack.OAuth.RefreshDelay = TimeSpan.FromMilliseconds(500);

        InstalledSlackTokens Instance() => new(
            new SlackInstallationStore(database.Database, protection, TimeProvider.System, NullLogger<SlackInstallationStore>.Instance),
            new SlackOAuthClient(new HttpClient(), monitor, NullLogger<SlackOAuthClient>.Instance), monitor, TimeProvider.System, NullLogger<InstalledSlackTokens>.Instance);
        var a = Instance();
        var b = Instance();
        var workspace = SlackWorkspace.OfTeam(SlackHost.Team);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? a : b).BotTokenAsync(workspace, default).AsTask()));

        Assert.Equal(1, slack.OAuth.Refreshes);
        Assert.Equal(0, slack.OAuth.SpentRefreshes);
        var refreshed = slack.OAuth.LastToken!;
        // While the old token is still valid the instance that did not refresh may go on with it; once expired, only the new one.
        Assert.All(tokens, t => Assert.True(t == refreshed || (!expired && t == old), $"unexpected token {t}"));
        Assert.Equal(refreshed, await a.BotTokenAsync(workspace, default));
        Assert.Equal(refreshed, await b.BotTokenAsync(workspace, default));
        Assert.Equal(1, slack.OAuth.Refreshes);
    }

    /// <summary>Fuzz finding (slack-oauth-answers/refresh): a refused refresh was logged at Error although the bot handles it.</summary>
    [Fact]
    public async Task RefusedRefresh_IsAWarning_AndTheExpiredTokenIsNotUsed()
    {
        await using var host = await SlackHost.StartAsync(addToSlack: true);
        await SlackInstallFlowTests.Store(host).SaveAsync(
            new SlackInstallation(SlackHost.Team, SlackHost.Team, "Keliweb Customer", null, null, false, "A0", "UB0KELIWEB", "commands", "U0ADMIN01", DateTimeOffset.UtcNow),
            new SlackBotToken("xoxe.xoxb-1-expired", "xoxe-1-never-issued", DateTimeOffset.UtcNow.AddMinutes(-1)),
            default);
        var tokens = host.Factory.Services.GetRequiredService<InstalledSlackTokens>();

        Assert.Null(await tokens.BotTokenAsync(SlackWorkspace.OfTeam(SlackHost.Team), default));

        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Slack refused the token refresh (invalid_refresh_token)", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
    }
}
