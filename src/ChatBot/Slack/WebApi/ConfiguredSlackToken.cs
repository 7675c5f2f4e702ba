using Microsoft.Extensions.Options;

namespace ChatBot.Slack.WebApi;

/// <summary>Single-workspace mode: the one token from <c>Slack:BotToken</c>, whatever the workspace (the app is installed in one).</summary>
public sealed class ConfiguredSlackToken(IOptionsMonitor<SlackOptions> options) : ISlackTokenSource
{
    public ValueTask<string?> BotTokenAsync(SlackWorkspace workspace, CancellationToken cancellationToken) =>
        ValueTask.FromResult(string.IsNullOrWhiteSpace(options.CurrentValue.BotToken) ? null : options.CurrentValue.BotToken);
}
