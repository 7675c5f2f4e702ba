using ChatBot.ChatCommands;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Cards;
using ChatBot.Teams.Connector;
using ChatBot.Teams.Files;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Handlers;

/// <summary>
/// Typed text: a chat command (<c>link</c>, <c>unlink</c>, <c>whoami</c>, <c>help</c>...) runs it, "ticket" gets the form,
/// anything else the help. The answer is posted after the 200, from the
/// work queue. Files attached to the "ticket" message ride (protected) in the card's submit data.
/// </summary>
public sealed partial class TicketCommandHandler(
    ChatCommandRegistry chatCommands,
    TeamsFollowUps queue,
    TeamsConnectorClient connector,
    TicketIntake intake,
    CardFileProtector fileProtector,
    TeamsMessageFiles messageFiles,
    TeamsChannel channel,
    Sync.TeamsThreadReplies threadReplies,
    TicketCardServices services,
    IOptionsMonitor<TicketsOptions> tickets,
    ILogger<TicketCommandHandler> logger) : ITeamsMessageHandler
{
    public string Key => TeamsMessageKeys.Text;

    /// <summary>How commands are written here: the bare word, as in the bot's command list.</summary>
    public static readonly ChatSyntax Syntax = new("{0}", TicketCommand.Name, Linking.ChatPlatforms.Teams);

    public async Task<bool> HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        if (chatCommands.Match(TicketCommand.Normalize(activity.Text)) is { } command)
        {
            return queue.TryEnqueue(new RunChatCommand(activity, command));
        }

        // Read here, inside the request: a malformed attachment is the endpoint's 400, never the background worker's exception.
        var files = TeamsAttachmentFiles.FromActivity(activity);
        // Files sent alone in a personal chat come as a message without text: offer the form for them too.
        var wantsTicket = TicketCommand.IsTicketRequest(activity.Text) || (string.IsNullOrWhiteSpace(TicketCommand.Normalize(activity.Text)) && files.Count > 0);
        if (!wantsTicket && await threadReplies.TryAcceptAsync(activity, cancellationToken))
        {
            return true;
        }

        if (!wantsTicket && !activity.IsPersonal && !(activity.Text ?? "").Contains("<at", StringComparison.OrdinalIgnoreCase))
        {
            // With the resource-specific consent every channel and group chat message reaches the bot: only those that
            // mention it are meant for it.
            return true;
        }

        return queue.TryEnqueue(wantsTicket ? new SendTicketCard(activity, files) : new SendHelp(activity));
    }

    public async Task SendCardAsync(TeamsActivity activity, IReadOnlyList<FileReference> files, CancellationToken cancellationToken)
    {
        var texts = TeamsTexts.For(activity.Locale);
        if (TeamsRequester.From(activity) is not { } requester)
        {
            await SendAsync(activity, OutboundActivity.Plain(texts.UnknownUser), cancellationToken);
            return;
        }

        var replyTo = TeamsReplyTo.InConversation(activity, null).ToJson();
        if (await intake.CheckLinkedAsync(requester, replyTo, cancellationToken) is { } notLinked)
        {
            // The same path as the pipeline's notices: the notice and its sign-in link only reach the 1:1 chat.
            await channel.PostNoticeAsync(replyTo, requester, notLinked, cancellationToken);
            if (!activity.IsPersonal)
            {
                await SendAsync(activity, OutboundActivity.Card(StatusCard.SentPrivately(TeamsTexts.For(activity.Locale))), cancellationToken);
            }

            return;
        }

        // In a channel or group chat Teams gave the bot none of the message's files: Graph says what it holds.
        files = await messageFiles.OfMessageAsync(activity, files, cancellationToken);
        var note = files.Count > 0 ? texts.Format(texts.FilesFromMessage, string.Join(", ", files.Select(f => f.Name))) : null;
        var card = TicketCard.Build(
            tickets.CurrentValue, texts, TicketCardValues.Empty, TicketCardSubmit.Execute, protectedFiles: fileProtector.Protect(files), note: note,
            services: await services.ForAsync(requester, cancellationToken));
        var result = await SendAsync(activity, OutboundActivity.Card(card), cancellationToken);
        LogCardSent(logger, activity.TenantId, result.HttpStatus, result.Succeeded);
    }

    /// <summary>Text that is neither a command nor "ticket": the help command's answer.</summary>
    public Task SendHelpAsync(TeamsActivity activity, CancellationToken cancellationToken) =>
        chatCommands.Match("help") is { } help ? RunCommandAsync(activity, help, cancellationToken)
            : SendAsync(activity, OutboundActivity.Markdown(TeamsTexts.For(activity.Locale).Help), cancellationToken);

    /// <summary>
    /// Runs a chat command for the activity's sender. Its answer may carry a sign-in link or an account's email: it goes
    /// to their 1:1 chat, with a pointer where they asked when that was a shared conversation. Help is answered in place.
    /// </summary>
    public async Task RunCommandAsync(TeamsActivity activity, ChatCommandMatch match, CancellationToken cancellationToken)
    {
        var target = TeamsReplyTo.InConversation(activity, null);
        if (TeamsRequester.From(activity) is not { } requester)
        {
            await SendAsync(activity, OutboundActivity.Plain(TeamsTexts.For(activity.Locale).UnknownUser), cancellationToken);
            return;
        }

        var person = requester.Person(target.ToJson());
        var reply = await match.Command.RunAsync(new ChatCommandRequest(person, match.Arguments, Syntax), cancellationToken);
        var card = OutboundActivity.Card(ChatReplyCard.Build(reply));
        if (activity.IsPersonal || !reply.IsPrivate)
        {
            await SendAsync(activity, card, cancellationToken);
            return;
        }

        var sent = await channel.SendPrivatelyAsync(target, ChatReplyCard.Build(reply), cancellationToken);
        LogCommandAnswered(logger, activity.TenantId, match.Command.Names[0], sent.HttpStatus, sent.Succeeded);
        await SendAsync(activity, OutboundActivity.Card(StatusCard.SentPrivately(TeamsTexts.For(activity.Locale))), cancellationToken);
    }

    // In a personal chat a reply quotes nothing useful; elsewhere replying keeps the card in the message's thread.
    private Task<ConnectorResult> SendAsync(TeamsActivity activity, OutboundActivity outbound, CancellationToken cancellationToken) =>
        activity.IsPersonal || activity.Id is null
            ? connector.SendAsync(activity.ServiceUrl, activity.Conversation?.Id ?? "", outbound, cancellationToken)
            : connector.ReplyAsync(activity.ServiceUrl, activity.Conversation?.Id ?? "", activity.Id, outbound, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams command {Name} in tenant {TenantId} answered privately: {Status} ok={Succeeded}")]
    private static partial void LogCommandAnswered(ILogger logger, string tenantId, string name, int status, bool succeeded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket card sent in tenant {TenantId}: {Status} ok={Succeeded}")]
    private static partial void LogCardSent(ILogger logger, string tenantId, int status, bool succeeded);
}
