using ChatBot.Slack.Localization;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.Views;
using ChatBot.Slack.WebApi;
using ChatBot.Tickets;
using ChatBot.Tickets.Services;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Handlers;

/// <summary>
/// <c>view_submission</c> of the ticket modal: field errors back into the modal, otherwise the draft is stored under
/// <c>slack:{view.id}</c> and the modal turns into "creating your ticket". Slack retries and double clicks carry the
/// same view id, so the pipeline answers them with the first submission.
/// </summary>
public sealed partial class TicketSubmissionHandler(
    SlackUserDirectory users,
    TicketIntake intake,
    ServiceChoices choices,
    LongMessageStore longMessages,
    IOptionsMonitor<TicketsOptions> tickets,
    ILogger<TicketSubmissionHandler> logger) : ISlackHandler<ViewSubmissionPayload>
{
    public static string IdempotencyKey(SubmittedView view) => "slack:" + view.Id;

    public async Task<SlackAck> HandleAsync(ViewSubmissionPayload payload, CancellationToken cancellationToken)
    {
        var requester = await users.RequesterAsync(payload.Workspace, payload.User.Id, TicketCommandHandler.UserLookupBudget, cancellationToken);
        var texts = SlackTexts.For(requester.Locale);
        var metadata = TicketModalMetadata.Parse(payload.View.PrivateMetadata) ?? Foreign(payload);
        var fullMessage = metadata.ShownMessageHash is null ? null : longMessages.Find(metadata.Nonce);
        var options = tickets.CurrentValue;

        var parsed = TicketModal.Parse(payload.View, metadata, fullMessage, requester, options, texts);
        var shown = payload.View.State?.Values;
        if (parsed.Draft is null)
        {
            if (shown is not null && parsed.Errors.Keys.Any(block => block.StartsWith(TicketModal.CustomFieldPrefix, StringComparison.Ordinal) && !shown.ContainsKey(block)))
            {
                // An error for a field the modal does not show: the department's fields never came (its views.update
                // failed). Slack refuses errors for blocks it has not got, so show the department's form, values kept.
                var services = await choices.ForAsync(requester.Identity, TimeSpan.Zero, cancellationToken);
                var prefill = new TicketModalPrefill(null, null, TicketModalValues.MessageFilesOf(payload.View.Blocks), metadata);
                return SlackAck.Json(StatusViews.Update(TicketModal.Build(prefill, options, texts, services, TicketModalValues.From(payload.View.State))));
            }

            return SlackAck.Json(StatusViews.Errors(parsed.Errors));
        }

        var outcome = await intake.AcceptAsync(parsed.Draft, IdempotencyKey(payload.View), cancellationToken);
        switch (outcome)
        {
            case AcceptOutcome.Accepted accepted:
                LogAccepted(logger, payload.TeamId, payload.User.Id, accepted.SubmissionId, accepted.Duplicate);
                return SlackAck.Json(StatusViews.CreatingUpdate(texts));
            case AcceptOutcome.Invalid invalid:
                var errors = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var error in invalid.Errors)
                {
                    errors.TryAdd(TicketModal.BlockIdFor(error.Field, options, shown?.ContainsKey(TicketModal.ServiceId) == true), error.Message);
                }

                return SlackAck.Json(StatusViews.Errors(errors));
            case AcceptOutcome.NotLinked notLinked:
                var text = NoticeMessages.PrivateText(notLinked.Notice) ?? notLinked.Notice.PublicText;
                return SlackAck.Json(StatusViews.Update(StatusViews.Notice(texts.NotLinkedTitle, text, texts, notLinked.Notice.SignIn)));
            default:
                throw new InvalidOperationException("Unknown accept outcome " + outcome.GetType().Name);
        }
    }

    /// <summary>
    /// A submission whose metadata is not ours (an older modal, a test tool): the ticket is still opened and the
    /// answer goes to the user's DM, since there is no conversation to trust.
    /// </summary>
    private TicketModalMetadata Foreign(ViewSubmissionPayload payload)
    {
        LogForeignMetadata(logger, payload.TeamId, payload.User.Id);
        return new TicketModalMetadata(TicketModalMetadata.CommandKind, payload.User.Id, payload.User.Id, payload.View.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack submission from team {TeamId} user {UserId} accepted as {SubmissionId} (duplicate: {Duplicate})")]
    private static partial void LogAccepted(ILogger logger, string teamId, string userId, string submissionId, bool duplicate);

    // Information, not Warning: nothing for an operator to fix (a modal opened by an older version), and the ticket is opened.
    [LoggerMessage(Level = LogLevel.Information, Message = "Slack submission from team {TeamId} user {UserId} has no readable metadata; answering by DM")]
    private static partial void LogForeignMetadata(ILogger logger, string teamId, string userId);
}
