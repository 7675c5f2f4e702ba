using ChatBot.Slack.Localization;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.Views;
using ChatBot.Slack.WebApi;
using ChatBot.Tickets;
using ChatBot.Tickets.Services;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Handlers;

/// <summary>
/// The ticket modal's department select (<c>dispatch_action</c>): the modal is built again for the chosen department,
/// exactly its custom fields and whether it needs a service, with what the user typed as initial values, and sent
/// with <c>views.update</c> under the view's hash, so a slower update never overwrites a newer one (Slack answers
/// <c>hash_conflict</c>, and the newer view stays). The acknowledgement does not wait for anything but the update.
/// </summary>
public sealed partial class TicketDepartmentHandler(
    SlackUserDirectory users,
    ServiceChoices services,
    SlackApiClient api,
    IOptionsMonitor<TicketsOptions> tickets,
    ILogger<TicketDepartmentHandler> logger) : ISlackHandler<BlockActionsPayload>
{
    /// <summary>The list was warmed when the modal opened; this only matters when Keliweb was slow then.</summary>
    public static readonly TimeSpan ServiceBudget = TimeSpan.FromMilliseconds(800);

    public async Task<SlackAck> HandleAsync(BlockActionsPayload payload, CancellationToken cancellationToken)
    {
        if (payload.View is not { CallbackId: TicketModal.CallbackId } view || TicketModalMetadata.Parse(view.PrivateMetadata) is not { } metadata)
        {
            return SlackAck.Empty;
        }

        var requester = await users.RequesterAsync(payload.Workspace, payload.User.Id, TicketCommandHandler.UserLookupBudget, cancellationToken);
        var texts = SlackTexts.For(requester.Locale);
        var typed = TicketModalValues.From(view.State);
        // The action carries the new choice; the state may still hold the one before it.
        if (payload.Actions.FirstOrDefault(a => a.ActionId == TicketModal.DepartmentId)?.SelectedOption?.Value is { } chosen)
        {
            typed = typed with { Department = chosen };
        }

        var field = await services.ForAsync(requester.Identity, ServiceBudget, cancellationToken);
        var prefill = new TicketModalPrefill(null, null, TicketModalValues.MessageFilesOf(view.Blocks), metadata);
        var rebuilt = TicketModal.Build(prefill, tickets.CurrentValue, texts, field, typed);
        var updated = await api.UpdateViewAsync(payload.Workspace, view.Id, view.Hash, rebuilt, cancellationToken);
        if (!updated.IsOk)
        {
            // hash_conflict: the user changed the department again and that update won; anything else leaves the form as it was.
            LogUpdateFailed(logger, payload.TeamId, payload.User.Id, updated.Describe());
        }

        return SlackAck.Empty;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack department change from team {TeamId} user {UserId}: views.update failed {Error}")]
    private static partial void LogUpdateFailed(ILogger logger, string teamId, string userId, string error);
}
