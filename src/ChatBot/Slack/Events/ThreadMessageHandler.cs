using System.Data.Common;
using System.Text.Json;
using ChatBot.Linking;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Markdown;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.Sync;
using ChatBot.Slack.WebApi;
using ChatBot.Sync;
using ChatBot.Tickets;

namespace ChatBot.Slack.Events;

/// <summary>
/// <c>message</c> events: a person's reply in a followed ticket's thread goes to the sync's inbox, once (by Slack's
/// event_id and by the message's channel and ts, since Slack may deliver one message again under a new event_id).
/// A reply with files (<c>subtype: file_share</c>) and one also sent to the channel (<c>thread_broadcast</c>) count;
/// bots (the bot itself included), edits (<c>message_changed</c>: the ticket keeps what was sent), deletions, joins and
/// other subtypes, top-level messages and messages in threads of no ticket are acknowledged and dropped.
/// Registered with the dispatcher under the event type, so HTTP and Socket Mode reach it the same way.
/// </summary>
public sealed partial class ThreadMessageHandler(ThreadInbox inbox, SlackUserDirectory users, ILogger<ThreadMessageHandler> logger)
    : ISlackHandler<EventEnvelope>
{
    /// <summary>Mentions are named within this, inside Slack's 3 seconds; unnamed ones stay ids.</summary>
    public static readonly TimeSpan MentionBudget = TimeSpan.FromMilliseconds(500);

    public const string EventType = "message";

    public async Task<SlackAck> HandleAsync(EventEnvelope payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var teamId = payload.TeamId ?? "";
        MessageEvent? message;
        try
        {
            message = payload.Event?.Deserialize(SlackEventsJsonContext.Default.MessageEvent);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null)
        {
            // Acknowledged, not refused: Slack redelivers anything not answered 2xx (a 400 included), and a malformed
            // event comes back just as malformed.
            LogMalformed(logger, teamId, payload.EventId ?? "");
            return SlackAck.Empty;
        }

        if (!message.IsPersonsThreadReply)
        {
            LogSkipped(logger, teamId, message.Channel, message.Subtype ?? (message.BotId is null ? "top-level" : "bot"));
            return SlackAck.Empty;
        }

        var threadKey = SlackMessageLocation.ThreadKey(message.Channel, message.ThreadTs!);
        // The installation Slack delivered it through (the dispatcher admitted it): its token answers this message.
        var workspace = payload.Workspace ?? SlackWorkspace.OfTeam(teamId);
        try
        {
            if (await inbox.TicketOfThreadAsync(threadKey, cancellationToken) is not { } submissionId)
            {
                return SlackAck.Empty;
            }

            var thread = new ThreadMessage(
                threadKey,
                "slack:" + message.Channel + ":" + message.Ts,
                payload.EventId is { Length: > 0 } id ? "slack-event:" + id : null,
                new ChatIdentity(ChatPlatforms.Slack, teamId, message.User!),
                await MarkdownAsync(workspace, message, cancellationToken),
                Files(message),
                new SlackThreadOrigin(message.Channel, message.Ts!, message.ThreadTs!, workspace.InstallationId).Serialize());
            var accepted = await inbox.AcceptAsync(thread, submissionId, cancellationToken);
            LogAccepted(logger, teamId, message.Channel, accepted);
            return SlackAck.Empty;
        }
        catch (DbException ex)
        {
            // Not acknowledged (HTTP 503, no socket ack): Slack delivers it again, and the dedupe keys make that harmless.
            LogStoreFailed(logger, teamId, ex);
            return SlackAck.Refused;
        }
    }

    private async Task<string> MarkdownAsync(SlackWorkspace workspace, MessageEvent message, CancellationToken ct)
    {
        var text = message.Text ?? "";
        var ids = RichTextConverter.FindUserIds(message.Blocks).Union(SlackMarkdownConverter.FindUserIds(text)).Take(20).ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(MentionBudget);
        foreach (var id in ids)
        {
            try
            {
                names[id] = await users.DisplayNameAsync(workspace, id, budget.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                break;
            }
        }

        return RichTextConverter.Convert(message.Blocks, names, SlackMarkdownConverter.FindChannelNames(text)) ?? SlackMarkdownConverter.Convert(text, names);
    }

    private static List<FileReference> Files(MessageEvent message) =>
        [.. (message.Files ?? []).OfType<SlackFile>()
            .Where(f => f.Mode is not ("tombstone" or "hidden_by_limit" or "external"))
            .Select(f => new FileReference(f.Name ?? f.Title ?? f.Id, f.Size, f.Id))];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack message event in team {TeamId} ({EventId}) is malformed; acknowledged and dropped")]
    private static partial void LogMalformed(ILogger logger, string teamId, string eventId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack message in team {TeamId} channel {Channel} not taken: {Kind}")]
    private static partial void LogSkipped(ILogger logger, string teamId, string channel, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack thread reply in team {TeamId} channel {Channel}: {Acceptance}")]
    private static partial void LogAccepted(ILogger logger, string teamId, string channel, ThreadAcceptance acceptance);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Slack thread reply in team {TeamId} could not be stored; Slack will deliver it again")]
    private static partial void LogStoreFailed(ILogger logger, string teamId, Exception exception);
}
