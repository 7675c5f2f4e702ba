using ChatBot.Slack.Localization;
using ChatBot.Slack.Markdown;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.Views;
using ChatBot.Slack.WebApi;
using ChatBot.Tickets;
using ChatBot.Tickets.Services;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Handlers;

/// <summary>
/// <c>/ticket [subject]</c>: a chat command when the text names one (<c>/ticket link</c>), else the modal, or the
/// "not linked" notice (with its sign-in button) as an ephemeral answer. views.open runs before
/// the acknowledgement returns: the trigger expires 3 s after Slack sent it and the not-linked answer must be the
/// HTTP body anyway; what runs before it (cached users.info, one store read) is bounded by <see cref="UserLookupBudget"/>.
/// </summary>
public sealed partial class TicketCommandHandler(
    SlackUserDirectory users,
    SlackChatCommands chatCommands,
    TicketIntake intake,
    ServiceChoices choices,
    SlackApiClient api,
    IOptionsMonitor<TicketsOptions> tickets,
    ILogger<TicketCommandHandler> logger) : ISlackHandler<SlashCommand>
{
    public const string Command = "/ticket";
    public static readonly TimeSpan UserLookupBudget = TimeSpan.FromSeconds(1);

    public async Task<SlackAck> HandleAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        if (await chatCommands.TryRunAsync(command, cancellationToken) is { } answered)
        {
            return answered;
        }

        var requester = await users.RequesterAsync(command.Workspace, command.UserId, UserLookupBudget, cancellationToken, command.TeamDomain);
        var texts = SlackTexts.For(requester.Locale);
        var replyTo = new SlackReplyTarget(TicketModalMetadata.CommandKind, command.ChannelId).Serialize();
        var notice = await intake.CheckLinkedAsync(requester, replyTo, cancellationToken);
        if (notice is not null)
        {
            LogNotLinked(logger, command.TeamId, command.UserId);
            var text = NoticeMessages.PrivateText(notice) ?? notice.PublicText;
            return SlackAck.Json(StatusViews.Ephemeral(text, NoticeMessages.PrivateBlocks(notice, texts)));
        }

        var subject = SlackMarkdownConverter.Convert(command.Text, new Dictionary<string, string>()).Trim();
        var metadata = new TicketModalMetadata(TicketModalMetadata.CommandKind, command.ChannelId, command.UserId, Guid.NewGuid().ToString("N"));
        var services = await choices.ForAsync(requester.Identity, TimeSpan.Zero, cancellationToken);
        var view = TicketModal.Build(new TicketModalPrefill(subject, null, [], metadata), tickets.CurrentValue, texts, services);
        var opened = await api.OpenViewAsync(command.Workspace, command.TriggerId, view, cancellationToken);
        if (!opened.IsOk)
        {
            LogOpenFailed(logger, command.TeamId, command.UserId, opened.Describe());
            return SlackAck.Json(StatusViews.Ephemeral(texts.FormFailedFor(opened.Describe())));
        }

        return SlackAck.Empty;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack /ticket from team {TeamId} user {UserId}: not linked")]
    private static partial void LogNotLinked(ILogger logger, string teamId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack /ticket from team {TeamId} user {UserId}: views.open failed {Error}")]
    private static partial void LogOpenFailed(ILogger logger, string teamId, string userId, string error);
}
