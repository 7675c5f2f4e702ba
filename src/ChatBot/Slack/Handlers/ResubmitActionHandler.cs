using ChatBot.Slack.Localization;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.Views;
using ChatBot.Slack.WebApi;
using ChatBot.Tickets;

namespace ChatBot.Slack.Handlers;

/// <summary>
/// "Submit again" on an uncertain result: the user decided a second ticket is wanted, so the pipeline makes a new
/// submission from the same draft. The result arrives as a new notice; only a refusal is answered here.
/// </summary>
public sealed partial class ResubmitActionHandler(
    SlackUserDirectory users, TicketIntake intake, SlackApiClient api, ILogger<ResubmitActionHandler> logger) : ISlackHandler<BlockActionsPayload>
{
    public async Task<SlackAck> HandleAsync(BlockActionsPayload payload, CancellationToken cancellationToken)
    {
        var action = payload.Actions.FirstOrDefault(a => a.ActionId == NoticeMessages.ResubmitActionId);
        if (string.IsNullOrEmpty(action?.Value))
        {
            return SlackAck.Empty;
        }

        var requester = await users.RequesterAsync(payload.Workspace, payload.User.Id, TicketCommandHandler.UserLookupBudget, cancellationToken);
        var outcome = await intake.ResubmitAsync(action.Value, requester, cancellationToken);
        LogResubmitted(logger, payload.TeamId, payload.User.Id, action.Value, outcome.GetType().Name);
        if (outcome is AcceptOutcome.Accepted)
        {
            return SlackAck.Empty;
        }

        var texts = SlackTexts.For(requester.Locale);
        var text = outcome is AcceptOutcome.NotLinked notLinked ? NoticeMessages.PrivateText(notLinked.Notice) ?? notLinked.Notice.PublicText : texts.ResubmitRefused;
        var channel = payload.Channel?.Id ?? payload.User.Id;
        var message = new System.Text.Json.Nodes.JsonObject { ["channel"] = channel, ["user"] = payload.User.Id, ["text"] = BlockKit.EscapeAndCut(text, BlockKit.MaxSectionTextLength) };
        if (outcome is AcceptOutcome.NotLinked { Notice: var notice } && NoticeMessages.PrivateBlocks(notice, texts) is { } blocks)
        {
            message["blocks"] = blocks;
        }

        await api.PostEphemeralAsync(payload.Workspace, message, cancellationToken);
        return SlackAck.Empty;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack resubmit by team {TeamId} user {UserId} of {SubmissionId}: {Outcome}")]
    private static partial void LogResubmitted(ILogger logger, string teamId, string userId, string submissionId, string outcome);
}
