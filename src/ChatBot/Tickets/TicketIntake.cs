using ChatBot.Linking;
using ChatBot.Linking.SignIn;
using ChatBot.Telemetry;
using ChatBot.Tickets.Services;

namespace ChatBot.Tickets;

/// <summary>
/// The pipeline's front door, called inside the platform's request: validate, resolve the account, store, return.
/// Everything slow (downloads, the API call, posting back) is left to <see cref="TicketWorker"/>.
/// </summary>
public sealed partial class TicketIntake(
    TicketDraftValidator validator,
    TicketAccounts accounts,
    ServiceCheck services,
    SignInService signIn,
    TicketOutbox outbox,
    TicketNotices notices,
    SubmissionSignal signal,
    IntakeRate rate,
    SubmissionMetrics metrics,
    ILogger<TicketIntake> logger)
{
    /// <summary>Checks a draft against configuration (department, required custom fields, priority, file count); localized.</summary>
    public IReadOnlyList<FieldError> Validate(TicketDraft draft) => validator.Validate(draft);

    /// <summary>Validates, resolves the account and stores the draft under <paramref name="idempotencyKey"/>; the same key again returns the first submission.</summary>
    public async Task<AcceptOutcome> AcceptAsync(TicketDraft draft, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        rate.Accepted();
        var errors = validator.Validate(draft);
        if (errors.Count > 0)
        {
            return new AcceptOutcome.Invalid(errors);
        }

        if (await accounts.ResolveAsync(draft.Requester, cancellationToken) is not { } account)
        {
            return new AcceptOutcome.NotLinked(await NotLinkedAsync(draft.Requester, draft.Subject, draft.ReplyTo, cancellationToken));
        }

        (draft, errors) = await services.CheckAsync(draft, account, cancellationToken);
        if (errors.Count > 0)
        {
            return new AcceptOutcome.Invalid(errors);
        }

        var guest = account.Guest;
        // The submission's trace starts here; its context is stored with it, so the worker's spans continue this trace.
        using var activity = ChatBotTelemetry.ActivitySource.StartActivity("submission accept");
        var traceParent = activity is { Recorded: true } ? activity.Id : null;
        var (submission, created) = await outbox.InsertAsync(
            idempotencyKey, validator.Normalize(draft), account.AccountId, account.ClientId, account.ContactId, guest, cancellationToken, traceParent);
        activity?.SetTag(SubmissionTracing.IdTag, submission.Id).SetTag(SubmissionMetrics.PlatformTag, draft.Requester.Platform)
            .SetTag(SubmissionTracing.DuplicateTag, !created);
        if (created)
        {
            LogAccepted(submission.Id, draft.Requester.Platform, draft.Requester.TenantId, draft.Requester.UserId, guest);
            metrics.Accepted(draft.Requester.Platform);
            signal.Notify();
        }
        else
        {
            LogDuplicate(submission.Id, submission.State);
        }

        return new AcceptOutcome.Accepted(submission.Id, !created, submission.State);
    }

    /// <summary>
    /// The "not linked" notice for this requester (with a fresh sign-in link when the page is on), or null when an
    /// account (or a guest ticket) would serve them. <paramref name="replyTo"/> is where they asked, as a draft's ReplyTo.
    /// </summary>
    public async Task<TicketNotice?> CheckLinkedAsync(Requester requester, string replyTo, CancellationToken cancellationToken) =>
        await accounts.ResolveAsync(requester, cancellationToken) is null ? await NotLinkedAsync(requester, "", replyTo, cancellationToken) : null;

    private async Task<TicketNotice> NotLinkedAsync(Requester requester, string subject, string replyTo, CancellationToken cancellationToken) =>
        notices.NotLinked(requester, subject, await signIn.StartAsync(requester.Person(replyTo), cancellationToken));

    /// <summary>"Submit again" on an uncertain or failed submission: a new submission from the same draft, on purpose.</summary>
    public async Task<AcceptOutcome> ResubmitAsync(string submissionId, Requester requester, CancellationToken cancellationToken)
    {
        var original = await outbox.GetAsync(submissionId, cancellationToken);
        if (original is null || original.Draft.Requester.UserId != requester.UserId || original.Draft.Requester.TenantId != requester.TenantId)
        {
            return new AcceptOutcome.Invalid([new FieldError(TicketFields.Subject, TicketTexts.For(requester.Locale).UnknownError)]);
        }

        if (original.State is not (SubmissionState.Uncertain or SubmissionState.Failed))
        {
            return new AcceptOutcome.Accepted(original.Id, true, original.State);
        }

        // One explicit resubmission per original: a double click on "Submit again" still makes one ticket.
        return await AcceptAsync(original.Draft with { Requester = requester }, "resubmit:" + original.Id, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission {SubmissionId} accepted ({Platform} team {TeamId} user {UserId}, guest {Guest})")]
    private partial void LogAccepted(string submissionId, string platform, string teamId, string userId, bool guest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission {SubmissionId} submitted again with the same key; state {State}")]
    private partial void LogDuplicate(string submissionId, SubmissionState state);
}
