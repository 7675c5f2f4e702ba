namespace ChatBot.Tickets;

/// <summary>
/// The pipeline's front door, called inside the platform's request: validate, resolve the account, store, return.
/// </summary>
public sealed class TicketIntake
{
    // Implemented by the pipeline work (issue 3); signatures are the contract the chat platforms code against.

    /// <summary>Checks a draft against configuration (department, required custom fields, priority, file count); localized.</summary>
    public IReadOnlyList<FieldError> Validate(TicketDraft draft) => throw new NotImplementedException();

    /// <summary>Validates, resolves the account and stores the draft under <paramref name="idempotencyKey"/>; the same key again returns the first submission.</summary>
    public Task<AcceptOutcome> AcceptAsync(TicketDraft draft, string idempotencyKey, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>The "not linked" notice for this requester, or null when an account (or guest ticket) would serve them.</summary>
    public Task<TicketNotice?> CheckLinkedAsync(Requester requester, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>"Submit again" on an uncertain or failed submission: a new submission from the same draft, on purpose.</summary>
    public Task<AcceptOutcome> ResubmitAsync(string submissionId, Requester requester, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
