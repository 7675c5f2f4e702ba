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
/// Message shortcut "Create ticket": the modal prefilled from the message (Markdown, mentions resolved, files as
/// checkboxes), answering in the message's thread. Mentions are resolved within a budget so the trigger stays valid.
/// </summary>
public sealed partial class TicketShortcutHandler(
    SlackUserDirectory users,
    TicketIntake intake,
    ServiceChoices choices,
    SlackApiClient api,
    LongMessageStore longMessages,
    IOptionsMonitor<TicketsOptions> tickets,
    ILogger<TicketShortcutHandler> logger) : ISlackHandler<MessageActionPayload>
{
    public const string CallbackId = "ticket_from_message";
    public static readonly TimeSpan MentionBudget = TimeSpan.FromMilliseconds(800);

    public async Task<SlackAck> HandleAsync(MessageActionPayload payload, CancellationToken cancellationToken)
    {
        var requester = await users.RequesterAsync(payload.Workspace, payload.User.Id, TicketCommandHandler.UserLookupBudget, cancellationToken, payload.Team?.Domain);
        var texts = SlackTexts.For(requester.Locale);
        var message = payload.Message;
        var ts = message.Ts ?? payload.MessageTs;
        var replyTo = new SlackReplyTarget(TicketModalMetadata.MessageKind, payload.Channel.Id, message.ThreadTs ?? ts).Serialize();
        var notice = await intake.CheckLinkedAsync(requester, replyTo, cancellationToken);
        if (notice is not null)
        {
            // A shortcut's acknowledgement must be empty; the notice (and its sign-in button) goes into a small modal instead.
            var text = NoticeMessages.PrivateText(notice) ?? notice.PublicText;
            await OpenAsync(payload, StatusViews.Notice(texts.NotLinkedTitle, text, texts, notice.SignIn), texts, cancellationToken);
            return SlackAck.Empty;
        }

        var names = await ResolveMentionsAsync(payload.Workspace, message, cancellationToken);
        var markdown = RichTextConverter.Convert(message.Blocks, names, SlackMarkdownConverter.FindChannelNames(message.Text ?? ""))
            ?? SlackMarkdownConverter.Convert(message.Text ?? "", names);

        var nonce = Guid.NewGuid().ToString("N");
        var shown = markdown;
        string? shownHash = null;
        if (markdown.Length > BlockKit.MaxPlainTextInputLength)
        {
            var marker = "\n" + texts.TruncatedMarker;
            shown = BlockKit.Prefix(markdown, BlockKit.MaxPlainTextInputLength - marker.Length) + marker;
            shownHash = TicketModal.Hash(shown);
            longMessages.Put(nonce, markdown);
        }

        var metadata = new TicketModalMetadata(
            TicketModalMetadata.MessageKind, payload.Channel.Id, payload.User.Id, nonce, ts, message.ThreadTs ?? ts, shownHash);
        var files = (message.Files ?? []).Where(f => f.Mode is not ("tombstone" or "hidden_by_limit" or "external")).ToList();
        var services = await choices.ForAsync(requester.Identity, TimeSpan.Zero, cancellationToken);
        var view = TicketModal.Build(new TicketModalPrefill(SubjectFrom(markdown), shown, files, metadata), tickets.CurrentValue, texts, services);
        await OpenAsync(payload, view, texts, cancellationToken);
        return SlackAck.Empty;
    }

    /// <summary>The first non-empty line, without Markdown markers, cut to the subject's length.</summary>
    public static string SubjectFrom(string markdown)
    {
        var line = markdown.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && l != "```") ?? "";
        line = line.TrimStart('>', '#', '-', ' ').Replace("**", "", StringComparison.Ordinal).Replace("~~", "", StringComparison.Ordinal).Trim();
        return BlockKit.Cut(line, TicketModal.SubjectMaxLength);
    }

    private async Task OpenAsync(MessageActionPayload payload, System.Text.Json.Nodes.JsonObject view, SlackTexts texts, CancellationToken ct)
    {
        var opened = await api.OpenViewAsync(payload.Workspace, payload.TriggerId, view, ct);
        if (opened.IsOk)
        {
            return;
        }

        LogOpenFailed(logger, payload.TeamId, payload.User.Id, opened.Describe());
        await api.PostEphemeralAsync(
            payload.Workspace,
            new() { ["channel"] = payload.Channel.Id, ["user"] = payload.User.Id, ["text"] = texts.FormFailedFor(opened.Describe()) }, ct);
    }

    private async Task<Dictionary<string, string>> ResolveMentionsAsync(SlackWorkspace workspace, SlackMessage message, CancellationToken ct)
    {
        var ids = RichTextConverter.FindUserIds(message.Blocks).Union(SlackMarkdownConverter.FindUserIds(message.Text ?? "")).Take(20).ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(MentionBudget);
        var lookups = ids.Select(async id =>
        {
            try
            {
                return (id, name: await users.DisplayNameAsync(workspace, id, budget.Token));
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return (id, name: id);
            }
        });
        foreach (var (id, name) in await Task.WhenAll(lookups))
        {
            names[id] = name;
        }

        return names;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack shortcut from team {TeamId} user {UserId}: views.open failed {Error}")]
    private static partial void LogOpenFailed(ILogger logger, string teamId, string userId, string error);
}
