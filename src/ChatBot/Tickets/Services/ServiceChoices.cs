using ChatBot.Linking;

namespace ChatBot.Tickets.Services;

/// <summary>
/// What a form's service field offers a chat user: nothing (no field) for a guest or someone no account serves,
/// otherwise their account's services as far as they can be known within the caller's budget. The platforms build
/// their field (Slack's typeahead, Teams' choice set) from this; the submission is checked by <see cref="ServiceCheck"/>.
/// </summary>
public sealed class ServiceChoices(TicketAccounts accounts, AccountServicesCache cache)
{
    /// <summary>Null when the form has no service field; a zero budget answers from the cache (starting a refresh).</summary>
    public async Task<ServiceField?> ForAsync(ChatIdentity identity, TimeSpan budget, CancellationToken cancellationToken)
    {
        if (ServiceOwner.Of(await accounts.ResolveAsync(identity, cancellationToken)) is not { } owner)
        {
            return null;
        }

        var services = budget <= TimeSpan.Zero ? cache.Peek(owner) : await cache.GetAsync(owner, budget, cancellationToken);
        return new ServiceField(owner, services);
    }
}

/// <summary>The service field of one requester's form: whose services, and which are known.</summary>
public sealed record ServiceField(ServiceOwner Owner, ServiceList Services)
{
    /// <summary>Whether the form insists on a service for <paramref name="department"/>: only when there is one to choose.</summary>
    public bool IsRequiredFor(DepartmentOption? department) => department is { RequiresService: true } && Services.HasServices;
}
