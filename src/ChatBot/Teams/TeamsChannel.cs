using ChatBot.Linking;
using ChatBot.Linking.SignIn;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Authentication;
using ChatBot.Teams.Cards;
using ChatBot.Teams.Connector;
using ChatBot.Teams.Files;
using ChatBot.Teams.Installations;
using ChatBot.Teams.Sync;
using ChatBot.Tickets;

namespace ChatBot.Teams;

/// <summary>
/// The pipeline's view of Teams. Notices replace the form card (card flow) or go into the conversation or
/// thread (message action); the private part (the ticket link, a bearer secret) only ever goes to the requester's
/// 1:1 chat, opened with <c>POST /v3/conversations</c> when the original conversation is shared. Nothing is posted
/// where the app was removed: the result then goes to the requester's 1:1 chat, or ends with a log line.
/// </summary>
public sealed partial class TeamsChannel(
    TeamsConnectorClient connector,
    TeamsFileDownloader downloader,
    TrustedServiceUrls trust,
    TeamsInstallationStore installations,
    ILogger<TeamsChannel> logger) : IChatChannel, ISignInChat
{
    private const string RemovedReason = "the Teams app was removed from this conversation";

    public string Platform => ChatPlatforms.Teams;

    public Task<FileDownloadResult> DownloadAsync(FileReference file, Requester requester, Stream destination, long maxBytes, CancellationToken cancellationToken) =>
        downloader.DownloadAsync(file, destination, maxBytes, cancellationToken);

    public async Task<PostResult> PostNoticeAsync(string replyTo, Requester requester, TicketNotice notice, CancellationToken cancellationToken)
    {
        if (TeamsReplyTo.Parse(replyTo) is not { } target || target.ServiceUrl.Length == 0)
        {
            return PostResult.Gave("not a Teams reply target");
        }

        // Only a serviceUrl a validated token was issued for stays trusted after a restart; an emulator's never becomes so.
        if (target.ServiceUrlVouched)
        {
            trust.Remember(target.ServiceUrl);
        }

        if (InstallationScope.Of(target) is { } scope && await installations.IsRemovedAsync(scope, cancellationToken))
        {
            // Removed (installationUpdate): never posted there, never retried there. A shared conversation's requester
            // may still have the app in their 1:1 chat.
            InstallationLog.NotPostedRemoved(logger, notice.SubmissionId, scope.TenantId, scope.Key);
            return target.IsPersonal ? PostResult.Gave(RemovedReason)
                : Outcome(await SendPrivatelyAsync(target, notice.SubmissionId, StatusCard.ForNotice(notice, includePrivate: true), cancellationToken), RemovedReason);
        }

        if (notice.IsPersonalOnly && !target.IsPersonal)
        {
            // Nothing of it belongs in a shared conversation (a sign-in link is a bearer secret): the 1:1 chat only.
            var alone = await SendPrivatelyAsync(target, notice.SubmissionId, StatusCard.ForNotice(notice, includePrivate: true), cancellationToken);
            return Outcome(alone, alone.Reason ?? "connector refused");
        }

        var publicCard = OutboundActivity.Card(StatusCard.ForNotice(notice, includePrivate: target.IsPersonal));
        var shown = target.CardActivityId is { } cardId
            ? await connector.UpdateAsync(target.ServiceUrl, target.ConversationId, cardId, publicCard, cancellationToken)
            : await connector.SendAsync(target.ServiceUrl, target.ConversationId, publicCard, cancellationToken);
        if (!shown.Succeeded && target.CardActivityId is not null && shown.Status == ConnectorStatus.Failed)
        {
            // The card is gone or not ours to edit (ActivityNotFoundInConversation, msteams-docs#6139): post instead.
            shown = await connector.SendAsync(target.ServiceUrl, target.ConversationId, publicCard, cancellationToken);
        }

        LogNoticePosted(logger, notice.SubmissionId, notice.Kind, shown.HttpStatus, shown.Succeeded);
        if (shown.Status == ConnectorStatus.Retry)
        {
            return PostResult.Later(shown.RetryAfter, shown.Reason ?? "connector busy");
        }

        if (!shown.Succeeded && !target.IsPersonal)
        {
            // The conversation refuses (bot removed, no longer in the roster): the result goes to the 1:1 chat, all of it.
            var direct = await SendPrivatelyAsync(target, notice.SubmissionId, StatusCard.ForNotice(notice, includePrivate: true), cancellationToken);
            return direct.Succeeded ? PostResult.Posted
                : direct.Status == ConnectorStatus.Retry ? PostResult.Later(direct.RetryAfter, direct.Reason ?? "connector busy")
                : PostResult.Gave(shown.Reason ?? direct.Reason ?? "connector refused");
        }

        var privateResult = target.IsPersonal || notice.PrivateText is null
            ? ConnectorResult.Ok(null)
            : await SendPrivatelyAsync(target, notice.SubmissionId, StatusCard.Private(notice), cancellationToken);
        if (privateResult.Status == ConnectorStatus.Retry)
        {
            return PostResult.Later(privateResult.RetryAfter, privateResult.Reason ?? "connector busy");
        }

        // The public part is shown. A busy connector for the private part was retried above (which may repeat the public
        // post: a PUT for cards, a second message for message actions); a refused one is logged, the number is visible.
        // Where it is shown is where the sync keeps the ticket's status and posts its staff replies.
        var location = (target.CardActivityId ?? shown.Id) is { Length: > 0 } activityId
            ? new TeamsMessageLocation(target.ServiceUrl, target.ConversationId, activityId, target.IsPersonal).Serialize()
            : null;
        return shown.Succeeded ? PostResult.PostedAt(location) : PostResult.Gave(shown.Reason ?? "connector refused");
    }

    /// <summary>Teams says nothing about tenant admins without Microsoft Graph: Teams people link themselves only.</summary>
    public Task<bool> MayLinkWorkspaceAsync(ChatIdentity identity, CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task<bool> PostPrivatelyAsync(ChatPerson person, string text, CancellationToken cancellationToken)
    {
        if (TeamsReplyTo.Parse(person.ReplyTo) is not { ServiceUrl.Length: > 0 } target)
        {
            return false;
        }

        trust.Remember(target.ServiceUrl);
        var card = CardElements.Card(new System.Text.Json.Nodes.JsonArray(CardElements.Text(text)));
        return (await SendPrivatelyAsync(target, card, cancellationToken)).Succeeded;
    }

    /// <summary>Posts <paramref name="card"/> where only the person of <paramref name="target"/> sees it: that chat if it is 1:1, else their 1:1 chat.</summary>
    public Task<ConnectorResult> SendPrivatelyAsync(TeamsReplyTo target, System.Text.Json.Nodes.JsonObject card, CancellationToken cancellationToken) =>
        target.IsPersonal
            ? connector.SendAsync(target.ServiceUrl, target.ConversationId, OutboundActivity.Card(card), cancellationToken)
            : SendPrivatelyAsync(target, "", card, cancellationToken);

    private async Task<ConnectorResult> SendPrivatelyAsync(TeamsReplyTo target, string submissionId, System.Text.Json.Nodes.JsonObject card, CancellationToken cancellationToken)
    {
        var created = await connector.CreateConversationAsync(
            target.ServiceUrl,
            new ConversationParameters(
                IsGroup: false,
                Bot: new ChannelAccount(target.BotId, null),
                Members: [new ChannelAccount(target.UserId, null)],
                TenantId: target.TenantId,
                ChannelData: new TeamsChannelData(new IdOnly(target.TenantId), null, null)),
            cancellationToken);
        if (!created.Succeeded || created.Id is null)
        {
            LogPrivateChatFailed(logger, submissionId, created.HttpStatus);
            return created.Succeeded ? ConnectorResult.Failed("no conversation id") : created;
        }

        if (InstallationScope.OfChat(target.TenantId, created.Id) is { } personal && await installations.IsRemovedAsync(personal, cancellationToken))
        {
            InstallationLog.NotPostedRemoved(logger, submissionId, personal.TenantId, personal.Key);
            return ConnectorResult.Failed(RemovedReason);
        }

        return await connector.SendAsync(target.ServiceUrl, created.Id, OutboundActivity.Card(card), cancellationToken);
    }

    private static PostResult Outcome(ConnectorResult sent, string refused) =>
        sent.Succeeded ? PostResult.Posted
            : sent.Status == ConnectorStatus.Retry ? PostResult.Later(sent.RetryAfter, sent.Reason ?? "connector busy")
            : PostResult.Gave(refused);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams notice {Kind} for submission {SubmissionId}: {Status} ok={Succeeded}")]
    private static partial void LogNoticePosted(ILogger logger, string submissionId, TicketNoticeKind kind, int status, bool succeeded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Opening the 1:1 chat for submission {SubmissionId} failed: {Status}")]
    private static partial void LogPrivateChatFailed(ILogger logger, string submissionId, int status);
}
