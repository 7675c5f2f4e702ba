using ChatBot.Teams.Activities;
using ChatBot.Teams.Cards;
using ChatBot.Teams.Connector;
using ChatBot.Teams.Files;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Handlers;

/// <summary>
/// Typed text: "ticket" gets the form, anything else a short help. The answer is posted after the 200, from the
/// work queue. Files attached to the "ticket" message ride (protected) in the card's submit data.
/// </summary>
public sealed partial class TicketCommandHandler(
    TeamsFollowUps queue,
    TeamsConnectorClient connector,
    TicketIntake intake,
    CardFileProtector fileProtector,
    TeamsMessageFiles messageFiles,
    TeamsChannel channel,
    IOptionsMonitor<TicketsOptions> tickets,
    ILogger<TicketCommandHandler> logger) : ITeamsMessageHandler
{
    public string Key => TeamsMessageKeys.Text;

    public Task<bool> HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        // Read here, inside the request: a malformed attachment is the endpoint's 400, never the background worker's exception.
        var files = TeamsAttachmentFiles.FromActivity(activity);
        // Files sent alone in a personal chat come as a message without text: offer the form for them too.
        var wantsTicket = TicketCommand.IsTicketRequest(activity.Text) || (string.IsNullOrWhiteSpace(TicketCommand.Normalize(activity.Text)) && files.Count > 0);
        return Task.FromResult(queue.TryEnqueue(wantsTicket ? new SendTicketCard(activity, files) : new SendHelp(activity)));
    }

    public async Task SendCardAsync(TeamsActivity activity, IReadOnlyList<FileReference> files, CancellationToken cancellationToken)
    {
        var texts = TeamsTexts.For(activity.Locale);
        if (TeamsRequester.From(activity) is not { } requester)
        {
            await SendAsync(activity, OutboundActivity.Plain(texts.UnknownUser), cancellationToken);
            return;
        }

        if (await intake.CheckLinkedAsync(requester, cancellationToken) is { } notLinked)
        {
            // The same path as the pipeline's notices, so the private part only reaches the 1:1 chat.
            await channel.PostNoticeAsync(TeamsReplyTo.InConversation(activity, null).ToJson(), requester, notLinked, cancellationToken);
            return;
        }

        // In a channel or group chat Teams gave the bot none of the message's files: Graph says what it holds.
        files = await messageFiles.OfMessageAsync(activity, files, cancellationToken);
        var note = files.Count > 0 ? texts.Format(texts.FilesFromMessage, string.Join(", ", files.Select(f => f.Name))) : null;
        var card = TicketCard.Build(tickets.CurrentValue, texts, TicketCardValues.Empty, TicketCardSubmit.Execute, protectedFiles: fileProtector.Protect(files), note: note);
        var result = await SendAsync(activity, OutboundActivity.Card(card), cancellationToken);
        LogCardSent(logger, activity.TenantId, result.HttpStatus, result.Succeeded);
    }

    public Task SendHelpAsync(TeamsActivity activity, CancellationToken cancellationToken) =>
        SendAsync(activity, OutboundActivity.Markdown(TeamsTexts.For(activity.Locale).Help), cancellationToken);

    // In a personal chat a reply quotes nothing useful; elsewhere replying keeps the card in the message's thread.
    private Task<ConnectorResult> SendAsync(TeamsActivity activity, OutboundActivity outbound, CancellationToken cancellationToken) =>
        activity.IsPersonal || activity.Id is null
            ? connector.SendAsync(activity.ServiceUrl, activity.Conversation?.Id ?? "", outbound, cancellationToken)
            : connector.ReplyAsync(activity.ServiceUrl, activity.Conversation?.Id ?? "", activity.Id, outbound, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket card sent in tenant {TenantId}: {Status} ok={Succeeded}")]
    private static partial void LogCardSent(ILogger logger, string tenantId, int status, bool succeeded);
}
