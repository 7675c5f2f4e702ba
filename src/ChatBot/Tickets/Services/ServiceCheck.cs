using Microsoft.Extensions.Options;

namespace ChatBot.Tickets.Services;

/// <summary>
/// The service of a submitted form, checked against the account's own services: a service the account does not have
/// (a forged or stale value) is a field error, as is no service for a department that requires one. When the services
/// cannot be known in time (Keliweb slow or down, nothing cached) the ticket goes without a service and without the
/// requirement: it is never held back by a list it cannot check.
/// </summary>
public sealed partial class ServiceCheck(AccountServicesCache cache, IOptionsMonitor<TicketsOptions> options, ILogger<ServiceCheck> logger)
{
    /// <summary>Part of the platform's 3 seconds; a list the requester just chose from is cached, so this is rarely waited for.</summary>
    public static readonly TimeSpan SubmitBudget = TimeSpan.FromSeconds(1);

    /// <summary>The draft to store (its service dropped when it cannot be checked), or the field errors.</summary>
    public async Task<(TicketDraft Draft, IReadOnlyList<FieldError> Errors)> CheckAsync(TicketDraft draft, TicketAccount account, CancellationToken cancellationToken)
    {
        var texts = ServiceTexts.For(draft.Requester.Locale);
        var department = options.CurrentValue.Departments.Find(d => d.Id == draft.DepartmentId);
        var wanted = draft.ServiceId ?? draft.DomainId;
        var field = draft.ServiceId is null && draft.DomainId is not null ? TicketFields.Domain : TicketFields.Service;
        if (ServiceOwner.Of(account) is not { } owner)
        {
            // A guest ticket has no client and so no services: any value is not one of the form's.
            return wanted is null ? (draft, []) : (draft, [new FieldError(field, texts.Unknown)]);
        }

        if (wanted is null && department is not { RequiresService: true })
        {
            return (draft, []);
        }

        var services = await cache.GetAsync(owner, SubmitBudget, cancellationToken);
        if (!services.Known)
        {
            if (wanted is not null)
            {
                LogUnchecked(account.AccountId, draft.DepartmentId);
            }

            return (draft with { ServiceId = null, DomainId = null }, []);
        }

        // Keliweb gives no list of domains: a domain id is never one the form offered.
        if (wanted is not null && (draft.ServiceId is not { } id || services.Find(id) is null))
        {
            return (draft, [new FieldError(field, texts.Unknown)]);
        }

        if (wanted is null && services.HasServices)
        {
            var culture = ServiceTexts.For(draft.Requester.Locale).Culture;
            return (draft, [new FieldError(TicketFields.Service, texts.Required(department!.DisplayName(culture)))]);
        }

        return (draft, []);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A ticket of account {AccountId} (department {DepartmentId}) goes without its service: the services could not be loaded to check it")]
    private partial void LogUnchecked(string accountId, int departmentId);
}
