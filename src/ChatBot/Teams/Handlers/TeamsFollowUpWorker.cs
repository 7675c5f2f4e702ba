using ChatBot.Teams.Activities;
using ChatBot.Teams.Cards;
using ChatBot.Teams.Connector;

namespace ChatBot.Teams.Handlers;

/// <summary>Consumes <see cref="TeamsFollowUps"/> with a few parallel readers; a failing item is logged, never fatal.</summary>
public sealed partial class TeamsFollowUpWorker(
    TeamsFollowUps queue, TicketCommandHandler commands, TeamsConnectorClient connector, TimeProvider time, ILogger<TeamsFollowUpWorker> logger)
    : BackgroundService
{
    private const int Readers = 4;
    private const int Attempts = 3;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Readers).Select(_ => ReadAsync(stoppingToken)));

    private async Task ReadAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(work, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogWorkFailed(logger, work.GetType().Name, ex);
            }
        }
    }

    private async Task RunAsync(TeamsWork work, CancellationToken cancellationToken)
    {
        switch (work)
        {
            case SendTicketCard send:
                await commands.SendCardAsync(send.Activity, send.Files, cancellationToken);
                break;
            case SendHelp help:
                await commands.SendHelpAsync(help.Activity, cancellationToken);
                break;
            case RunChatCommand run:
                await commands.RunCommandAsync(run.Activity, run.Match, cancellationToken);
                break;
            case ReplaceCard replace:
                await WithRetriesAsync(
                    ct => connector.UpdateAsync(replace.ServiceUrl, replace.ConversationId, replace.ActivityId, OutboundActivity.Card(replace.Card), ct),
                    cancellationToken);
                break;
        }
    }

    // The card update is what the user watches right after clicking: a couple of quick retries on 429/5xx, honouring Retry-After.
    private async Task WithRetriesAsync(Func<CancellationToken, Task<ConnectorResult>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await call(cancellationToken);
            if (result.Status != ConnectorStatus.Retry || attempt == Attempts)
            {
                if (!result.Succeeded)
                {
                    LogCardUpdateFailed(logger, result.HttpStatus);
                }

                return;
            }

            var delay = result.RetryAfter is { } after && after > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(after.Ticks, TimeSpan.FromSeconds(10).Ticks)) : TimeSpan.FromSeconds(attempt);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams background work {Work} failed")]
    private static partial void LogWorkFailed(ILogger logger, string work, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replacing a Teams card failed: {Status}")]
    private static partial void LogCardUpdateFailed(ILogger logger, int status);
}
