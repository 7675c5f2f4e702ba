using System.Text.Json.Nodes;
using ChatBot.Linking;
using ChatBot.Linking.SignIn;
using ChatBot.Slack.Files;
using ChatBot.Slack.Localization;
using ChatBot.Slack.Views;
using ChatBot.Slack.WebApi;
using ChatBot.Tickets;
using Microsoft.Extensions.Caching.Memory;

namespace ChatBot.Slack;

/// <summary>
/// Slack behind the pipeline's seam: downloads the chosen files and posts results where the ticket was asked for.
/// The private part of a notice (the ticket link) goes only to the requester: ephemeral, or a DM.
/// </summary>
public sealed partial class SlackChannel(
    SlackApiClient api, SlackFileDownloader downloader, SlackUserDirectory users, IMemoryCache cache, ILogger<SlackChannel> logger) : IChatChannel, ISignInChat
{
    /// <summary>The conversation refuses the bot; the user's DM still works.</summary>
    private static readonly HashSet<string> FallBackToDirectMessage =
        ["not_in_channel", "channel_not_found", "is_archived", "user_not_in_channel", "restricted_action", "cannot_reply_to_message"];

    public string Platform => ChatPlatforms.Slack;

    public Task<FileDownloadResult> DownloadAsync(FileReference file, Stream destination, long maxBytes, CancellationToken cancellationToken) =>
        downloader.DownloadAsync(file, destination, maxBytes, cancellationToken);

    public async Task<PostResult> PostNoticeAsync(string replyTo, Requester requester, TicketNotice notice, CancellationToken cancellationToken)
    {
        var target = SlackReplyTarget.Parse(replyTo);
        if (target is null)
        {
            return PostResult.Gave("unreadable reply target");
        }

        var texts = SlackTexts.For(notice.Culture);
        // The pipeline retries the whole notice when the private part fails; the public part must not appear twice. The
        // mark lives only while a retry may come: kept for every notice (a day each), it grew by one entry per ticket.
        var publicKey = $"slack:public-posted:{notice.SubmissionId}:{notice.Kind}";
        if (!NoticeMessages.IsPersonalOnly(notice) && !cache.TryGetValue(publicKey, out _))
        {
            var message = NoticeMessages.Public(target.Channel, target.ThreadTs, notice);
            var posted = await api.PostMessageAsync(message, cancellationToken);
            if (!posted.IsOk && posted.Outcome == SlackApiOutcome.Error && FallBackToDirectMessage.Contains(posted.Error!))
            {
                LogFallback(logger, requester.TenantId, requester.UserId, posted.Error!);
                posted = await DirectMessageAsync(requester.UserId, NoticeMessages.Public("", null, notice), cancellationToken);
            }

            if (!posted.IsOk)
            {
                return Failure(posted, requester);
            }

            cache.Set(publicKey, true, TimeSpan.FromDays(1));
        }

        if (NoticeMessages.PrivateBlocks(notice, texts) is not { } blocks)
        {
            cache.Remove(publicKey);
            return PostResult.Posted;
        }

        var text = BlockKit.Escape(NoticeMessages.PrivateText(notice)!);
        var ephemeral = new JsonObject { ["channel"] = target.Channel, ["user"] = requester.UserId, ["text"] = text, ["blocks"] = blocks };
        if (target.ThreadTs is not null)
        {
            ephemeral["thread_ts"] = target.ThreadTs;
        }

        var sent = await api.PostEphemeralAsync(ephemeral, cancellationToken);
        if (!sent.IsOk && sent.Outcome == SlackApiOutcome.Error && FallBackToDirectMessage.Contains(sent.Error!))
        {
            LogFallback(logger, requester.TenantId, requester.UserId, sent.Error!);
            var direct = new JsonObject { ["text"] = text, ["blocks"] = blocks.DeepClone() };
            sent = await DirectMessageAsync(requester.UserId, direct, cancellationToken);
        }

        var result = sent.IsOk ? PostResult.Posted : Failure(sent, requester);
        if (result.Status != PostStatus.Retry)
        {
            cache.Remove(publicKey);
        }

        return result;
    }

    /// <summary>A workspace admin or owner, by a fresh users.info (this grants the right to link everyone); no answer means no.</summary>
    public async Task<bool> MayLinkWorkspaceAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Handlers.TicketCommandHandler.UserLookupBudget);
        try
        {
            return (await users.RefreshAsync(identity.UserId, budget.Token))?.IsWorkspaceAdmin == true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A DM: private whatever conversation the person signed in from.</summary>
    public async Task<bool> PostPrivatelyAsync(ChatPerson person, string text, CancellationToken cancellationToken)
    {
        var sent = await DirectMessageAsync(person.Identity.UserId, new JsonObject { ["text"] = BlockKit.Escape(text) }, cancellationToken);
        if (!sent.IsOk)
        {
            LogPostFailed(logger, person.Identity.TeamId, person.Identity.UserId, sent.Describe());
        }

        return sent.IsOk;
    }

    private async Task<SlackApiResult<SlackApiResponse>> DirectMessageAsync(string userId, JsonObject message, CancellationToken ct)
    {
        var opened = await api.OpenDirectMessageAsync(userId, ct);
        if (!opened.IsOk || opened.Value?.Channel is not { } channel)
        {
            return new SlackApiResult<SlackApiResponse>(opened.Outcome, null, opened.Error, opened.RetryAfter);
        }

        message["channel"] = channel.Id;
        message.Remove("thread_ts");
        return await api.PostMessageAsync(message, ct);
    }

    private PostResult Failure(SlackApiResult<SlackApiResponse> result, Requester requester)
    {
        LogPostFailed(logger, requester.TenantId, requester.UserId, result.Describe());
        return result.Outcome switch
        {
            SlackApiOutcome.RateLimited => PostResult.Later(result.RetryAfter, "ratelimited"),
            SlackApiOutcome.Unavailable => PostResult.Later(null, result.Describe()),
            // invalid_auth, account_inactive (token gone) and invalid_blocks-like errors do not change on a retry.
            _ => PostResult.Gave(result.Describe()),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack post for team {TeamId} user {UserId} fell back to a DM: {Error}")]
    private static partial void LogFallback(ILogger logger, string teamId, string userId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack post for team {TeamId} user {UserId} failed: {Error}")]
    private static partial void LogPostFailed(ILogger logger, string teamId, string userId, string error);
}
