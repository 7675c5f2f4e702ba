using ChatBot.Keliweb;
using ChatBot.Storage;
using ChatBot.Tests.StandIns;
using ChatBot.Tests.Tickets;
using ChatBot.Tickets;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Keliweb;

public sealed class KeliwebAccountKeeperTests
{
    [Fact]
    public async Task AccountIdleForDays_IsRefreshedBeforeItsRefreshTokenExpires_AndStillOpensTickets()
    {
        await using var keliweb = await KeliwebStandIn.StartAsync();
        await using var host = new PipelineHost(keliweb);
        var first = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(), "k1", default)).SubmissionId;
        await host.WaitForStateAsync(first, SubmissionState.Announced, TimeSpan.FromSeconds(30));
        var database = host.Services.GetRequiredService<Database>();
        var longAgo = DateTimeOffset.UtcNow.AddDays(-4).ToUnixTimeMilliseconds();
        await using (var connection = await database.OpenAsync(default))
        {
            await connection.ExecuteAsync("UPDATE accounts SET refreshed_at = @longAgo", new { longAgo });
        }

        var refreshed = await host.Services.GetRequiredService<KeliwebAccountKeeper>().KeepAsync(default);

        Assert.Equal(1, refreshed);
        Assert.Contains(await keliweb.GetTokenRequestsAsync(), r => r.GrantType == "refresh_token" && r.Granted);
        var account = Assert.Single(await host.Services.GetRequiredService<AccountStore>().ListAsync(default));
        Assert.True(account.RefreshedAt > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(0, await host.Services.GetRequiredService<KeliwebAccountKeeper>().KeepAsync(default));

        // The rotated refresh token was stored: the old one is dead at Keliweb, yet tickets still open.
        var second = ((AcceptOutcome.Accepted)await host.Intake.AcceptAsync(PipelineTests.Draft(), "k2", default)).SubmissionId;
        await host.WaitForStateAsync(second, SubmissionState.Announced, TimeSpan.FromSeconds(30));
    }
}
