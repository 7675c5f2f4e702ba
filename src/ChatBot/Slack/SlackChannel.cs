using System.Text.Json.Nodes;
using ChatBot.Linking;
using ChatBot.Linking.SignIn;
using ChatBot.Slack.Files;
using ChatBot.Slack.Localization;
using ChatBot.Slack.Sync;
using ChatBot.Slack.Views;
using ChatBot.Slack.Installations;
using ChatBot.Slack.WebApi;
using ChatBot.Tickets;
using Microsoft.Extensions.Caching.Memory;

namespace ChatBot.Slack;

/// <summary>
/// Slack behind the pipeline's seam: downloads the chosen files and posts results where the ticket was asked for.
/// The private part of a notice (the ticket link) goes only to the requester: ephemeral, or a DM. A notice counts as
/// posted when the requester was told by either part; a public post Slack refuses for its content is posted again
/// without the user's words, and the private part is tried whatever happened to the public one.
/// </summary>
public sealed partial class SlackChannel(
    SlackApiClient api, SlackFileDownloader downloader, SlackUserDirectory users, SlackEnterpriseTeams workspaces, IMemoryCache cache, ILogger<SlackChannel> logger)
    : IChatChannel, ISignInChat
{
    /// <summary>The conversation refuses the bot; the user's DM still works.</summary>
    internal static readonly HashSet<string> FallBackToDirectMessage =
        ["not_in_channel", "channel_not_found", "is_archived", "user_not_in_channel", "restricted_action", "cannot_reply_to_message"];

    /// <summary>
    /// What the public part came to, kept while the pipeline may retry the notice for the private part's sake; with
    /// where it landed (<see cref="SlackMessageLocation"/>), from which the sync follows the ticket's thread.
    /// </summary>
    private sealed record PublicOutcome(bool Posted, string? Refusal, string? Location = null);

    public string Platform => ChatPlatforms.Slack;

    public Task<FileDownloadResult> DownloadAsync(FileReference file, Requester requester, Stream destination, long maxBytes, CancellationToken cancellationToken) =>
        downloader.DownloadAsync(SlackWorkspace.Of(requester), file, destination, maxBytes, cancellationToken);

    public async Task<PostResult> PostNoticeAsync(string replyTo, Requester requester, TicketNotice notice, CancellationToken cancellationToken)
    {
        var target = SlackReplyTarget.Parse(replyTo);
        if (target is null)
        {
            return PostResult.Gave("unreadable reply target");
        }

        // The pipeline retries the whole notice when a part must wait; the public part must not appear twice. The mark
        // lives only while a retry may come: kept for every notice (a day each), it grew by one entry per ticket.
        var publicKey = $"slack:public-posted:{notice.SubmissionId}:{notice.Kind}";
        var publicPart = new PublicOutcome(false, null);
        if (NoticeMessages.IsPersonalOnly(notice))
        {
            // Nothing for the conversation: the private part is the whole notice.
        }
        else if (cache.TryGetValue(publicKey, out PublicOutcome? earlier) && earlier is not null)
        {
            publicPart = earlier;
        }
        else
        {
            var posted = await PostPublicAsync(target, requester, notice, cancellationToken);
            if (posted.Result.Outcome is SlackApiOutcome.RateLimited or SlackApiOutcome.Unavailable || IsTokenRefused(posted.Result))
            {
                return Failure(posted.Result, requester);
            }

            publicPart = new PublicOutcome(posted.Result.IsOk, posted.Refusal, posted.Location);
            cache.Set(publicKey, publicPart, TimeSpan.FromDays(1));
        }

        var (privatePart, privateRefusal) = await PostPrivateAsync(target, requester, notice, cancellationToken);
        if (privatePart is { Outcome: SlackApiOutcome.RateLimited or SlackApiOutcome.Unavailable })
        {
            return Failure(privatePart, requester);
        }

        if (privatePart is not null && IsTokenRefused(privatePart) && !publicPart.Posted)
        {
            cache.Remove(publicKey);
            return Failure(privatePart, requester);
        }

        cache.Remove(publicKey);
        var refusals = string.Join("; ", new[] { publicPart.Refusal, privateRefusal }.Where(r => r is not null));
        var told = publicPart.Posted || privatePart?.IsOk == true;
        return told
            ? new PostResult(PostStatus.Posted, null, refusals.Length > 0 ? refusals : null, publicPart.Location)
            : PostResult.Gave(refusals.Length > 0 ? refusals : "nothing to post");
    }

    /// <summary>The public part; when Slack refuses it for what it says, the short form without the user's words.</summary>
    private async Task<(SlackApiResult<SlackApiResponse> Result, string? Refusal, string? Location)> PostPublicAsync(
        SlackReplyTarget target, Requester requester, TicketNotice notice, CancellationToken ct)
    {
        var (posted, location) = await PostWithDirectFallbackAsync(target, requester, (channel, thread) => NoticeMessages.Public(channel, thread, notice), ct);
        if (posted.Outcome != SlackApiOutcome.Error || IsTokenRefused(posted) || NoticeMessages.PublicShort("", null, notice) is null)
        {
            return (posted, posted.Outcome == SlackApiOutcome.Error ? $"public notice refused ({posted.Error})" : null, location);
        }

        LogRefused(logger, requester.TenantId, requester.UserId, posted.Error!);
        var refusal = $"public notice refused ({posted.Error})";
        var (shortened, shortLocation) = await PostWithDirectFallbackAsync(
            target, requester, (channel, thread) => NoticeMessages.PublicShort(channel, thread, notice)!, ct);
        return (shortened, shortened.IsOk ? refusal + ", the short one posted" : $"{refusal}, the short one too ({shortened.Error})", shortLocation);
    }

    /// <summary>The private part (the link, or "submit again"), ephemeral or by DM; null when the notice has none.</summary>
    private async Task<(SlackApiResult<SlackApiResponse>? Result, string? Refusal)> PostPrivateAsync(
        SlackReplyTarget target, Requester requester, TicketNotice notice, CancellationToken ct)
    {
        if (NoticeMessages.PrivateBlocks(notice, SlackTexts.For(notice.Culture)) is not { } blocks)
        {
            return (null, null);
        }

        var text = BlockKit.EscapeAndCut(NoticeMessages.PrivateText(notice)!, BlockKit.MaxSectionTextLength);
        var ephemeral = new JsonObject { ["channel"] = target.Channel, ["user"] = requester.UserId, ["text"] = text, ["blocks"] = blocks };
        if (target.ThreadTs is not null)
        {
            ephemeral["thread_ts"] = target.ThreadTs;
        }

        var sent = await api.PostEphemeralAsync(SlackWorkspace.Of(requester), ephemeral, ct);
        if (!sent.IsOk && sent.Outcome == SlackApiOutcome.Error && FallBackToDirectMessage.Contains(sent.Error!))
        {
            LogFallback(logger, requester.TenantId, requester.UserId, sent.Error!);
            sent = await DirectMessageAsync(SlackWorkspace.Of(requester), requester.UserId, new JsonObject { ["text"] = text, ["blocks"] = blocks.DeepClone() }, ct);
        }

        if (sent.Outcome == SlackApiOutcome.Error)
        {
            LogPostFailed(logger, requester.TenantId, requester.UserId, sent.Describe());
            return (sent, $"private notice refused ({sent.Error})");
        }

        return (sent, null);
    }

    /// <summary>Posts in the conversation, or in the DM when the conversation refuses the bot; with where the post landed.</summary>
    private async Task<(SlackApiResult<SlackApiResponse> Result, string? Location)> PostWithDirectFallbackAsync(
        SlackReplyTarget target, Requester requester, Func<string, string?, JsonObject> message, CancellationToken ct)
    {
        var sent = message(target.Channel, target.ThreadTs);
        var posted = await api.PostMessageAsync(SlackWorkspace.Of(requester), sent, ct);
        if (!posted.IsOk && posted.Outcome == SlackApiOutcome.Error && FallBackToDirectMessage.Contains(posted.Error!))
        {
            LogFallback(logger, requester.TenantId, requester.UserId, posted.Error!);
            sent = message("", null);
            posted = await DirectMessageAsync(SlackWorkspace.Of(requester), requester.UserId, sent, ct);
        }

        // DirectMessageAsync wrote the DM's channel into the message: it says where the post is either way.
        var location = posted.IsOk && posted.Value?.Ts is { } ts && sent["channel"]?.GetValue<string>() is { Length: > 0 } channel
            ? new SlackMessageLocation(channel, ts, sent["thread_ts"]?.GetValue<string>()).Serialize()
            : null;
        return (posted, location);
    }

    private static bool IsTokenRefused(SlackApiResult<SlackApiResponse> result) =>
        result.Outcome == SlackApiOutcome.Error && SlackTokens.IsRefusal(result.Error);

    /// <summary>A workspace admin or owner, by a fresh users.info (this grants the right to link everyone); no answer means no.</summary>
    public async Task<bool> MayLinkWorkspaceAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Handlers.TicketCommandHandler.UserLookupBudget);
        try
        {
            var workspace = await workspaces.WorkspaceOfTeamAsync(identity.TeamId, budget.Token);
            return (await users.RefreshAsync(workspace, identity.UserId, budget.Token))?.IsWorkspaceAdmin == true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A DM: private whatever conversation the person signed in from.</summary>
    public async Task<bool> PostPrivatelyAsync(ChatPerson person, string text, CancellationToken cancellationToken)
    {
        // The person's team only: an org-wide install is found through the organization the team was last seen under.
        var workspace = await workspaces.WorkspaceOfTeamAsync(person.Identity.TeamId, cancellationToken);
        var sent = await DirectMessageAsync(
            workspace, person.Identity.UserId, new JsonObject { ["text"] = BlockKit.EscapeAndCut(text, BlockKit.MaxSectionTextLength) }, cancellationToken);
        if (!sent.IsOk)
        {
            LogPostFailed(logger, person.Identity.TeamId, person.Identity.UserId, sent.Describe());
        }

        return sent.IsOk;
    }

    private async Task<SlackApiResult<SlackApiResponse>> DirectMessageAsync(SlackWorkspace workspace, string userId, JsonObject message, CancellationToken ct)
    {
        var opened = await api.OpenDirectMessageAsync(workspace, userId, ct);
        if (!opened.IsOk || opened.Value?.Channel is not { } channel)
        {
            return new SlackApiResult<SlackApiResponse>(opened.Outcome, null, opened.Error, opened.RetryAfter);
        }

        message["channel"] = channel.Id;
        message.Remove("thread_ts");
        return await api.PostMessageAsync(workspace, message, ct);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused the notice for team {TeamId} user {UserId} ({Error}); posting the short one")]
    private static partial void LogRefused(ILogger logger, string teamId, string userId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack post for team {TeamId} user {UserId} failed: {Error}")]
    private static partial void LogPostFailed(ILogger logger, string teamId, string userId, string error);
}
