using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Cards;
using ChatBot.Teams.Files;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Handlers;

/// <summary>
/// A submitted chat card, however it arrived (<c>Action.Submit</c> message or <c>Action.Execute</c> invoke):
/// parse, accept through the pipeline under <c>teams:{card activity id}:{aadObjectId}</c> so a second click
/// makes nothing new, and say which card should replace the form.
/// </summary>
public sealed partial class TicketCardSubmission(
    TicketIntake intake, CardFileProtector fileProtector, TeamsChannel channel, TicketCardServices services, IOptionsMonitor<TicketsOptions> tickets,
    ILogger<TicketCardSubmission> logger)
{
    public static string IdempotencyKey(string cardActivityId, string userId) => "teams:" + cardActivityId + ":" + userId;

    /// <summary>The card to show instead of the form, or null to leave the card as it is (a late second click).</summary>
    public async Task<JsonObject?> SubmitAsync(TeamsActivity activity, JsonElement? data, string cardActivityId, CancellationToken cancellationToken)
    {
        var texts = TeamsTexts.For(activity.Locale);
        if (TeamsRequester.From(activity) is not { } requester)
        {
            return StatusCard.Message(texts, texts.UnknownUser);
        }

        var protectedFiles = data is { ValueKind: JsonValueKind.Object } d ? TicketCardValues.Read(d, TicketCard.FilesKey) : null;
        var files = fileProtector.Unprotect(protectedFiles).Concat(TeamsAttachmentFiles.FromActivity(activity)).ToList();
        var replyTo = TeamsReplyTo.InConversation(activity, cardActivityId).ToJson();
        var options = tickets.CurrentValue;
        var values = TicketCardValues.From(data);
        if (TicketCard.NeedsDepartmentForm(values, options))
        {
            return TicketCard.Build(
                options, texts, values, TicketCardSubmit.Execute, protectedFiles: protectedFiles,
                note: TicketCard.DepartmentFormNote(values, options, texts), services: await services.ForAsync(requester, cancellationToken));
        }

        switch (TicketCard.Parse(data, options, texts, requester, replyTo, files))
        {
            case TicketCardParse.Invalid invalid:
                return TicketCard.Build(
                    options, texts, invalid.Values, TicketCardSubmit.Execute, invalid.Errors, protectedFiles, services: await services.ForAsync(requester, cancellationToken));

            case TicketCardParse.Valid valid:
                var outcome = await intake.AcceptAsync(valid.Draft, IdempotencyKey(cardActivityId, requester.UserId), cancellationToken);
                switch (outcome)
                {
                    case AcceptOutcome.Accepted accepted:
                        LogAccepted(logger, accepted.SubmissionId, requester.TenantId, accepted.Duplicate);
                        // A second click after the pipeline moved on must not put "creating" over the result card.
                        return accepted.Duplicate && accepted.State is not (SubmissionState.Accepted or SubmissionState.Sending)
                            ? null
                            : StatusCard.Creating(texts, valid.Draft.Subject);
                    case AcceptOutcome.Invalid rejected:
                        return TicketCard.Build(
                            options, texts, values, TicketCardSubmit.Execute, rejected.Errors, protectedFiles, services: await services.ForAsync(requester, cancellationToken));
                    case AcceptOutcome.NotLinked notLinked:
                        return await NotLinkedCardAsync(activity, requester, replyTo, notLinked.Notice, cancellationToken);
                }

                break;
        }

        throw new InvalidOperationException("Unexpected outcome.");
    }

    /// <summary>The department step's "Next": the form for the chosen department (or the step again, without one).</summary>
    public async Task<JsonObject> DepartmentFormAsync(TeamsActivity activity, JsonElement? data, CancellationToken cancellationToken)
    {
        var texts = TeamsTexts.For(activity.Locale);
        if (TeamsRequester.From(activity) is not { } requester)
        {
            return StatusCard.Message(texts, texts.UnknownUser);
        }

        var protectedFiles = data is { ValueKind: JsonValueKind.Object } d ? TicketCardValues.Read(d, TicketCard.FilesKey) : null;
        var values = TicketCardValues.From(data);
        return TicketCard.Build(
            tickets.CurrentValue, texts, values, TicketCardSubmit.Execute, protectedFiles: protectedFiles,
            note: TicketCard.DepartmentFormNote(values, tickets.CurrentValue, texts), services: await services.ForAsync(requester, cancellationToken));
    }

    /// <summary>"Submit again" on an uncertain result: a new submission on purpose, from the stored draft.</summary>
    public async Task<JsonObject> ResubmitAsync(TeamsActivity activity, JsonElement? data, CancellationToken cancellationToken)
    {
        var texts = TeamsTexts.For(activity.Locale);
        var submissionId = data is { ValueKind: JsonValueKind.Object } d ? TicketCardValues.Read(d, TicketCard.SubmissionIdKey) : null;
        if (string.IsNullOrEmpty(submissionId))
        {
            return CardElements.Card(new JsonArray(CardElements.Text(texts.CardTitle)));
        }

        if (TeamsRequester.From(activity) is not { } requester)
        {
            return StatusCard.Message(texts, texts.UnknownUser);
        }

        var outcome = await intake.ResubmitAsync(submissionId, requester, cancellationToken);
        return outcome switch
        {
            AcceptOutcome.Accepted => StatusCard.Creating(texts, ""),
            AcceptOutcome.NotLinked notLinked => await NotLinkedCardAsync(
                activity, requester, TeamsReplyTo.InConversation(activity, null).ToJson(), notLinked.Notice, cancellationToken),
            AcceptOutcome.Invalid invalid => CardElements.Card([.. invalid.Errors.Select(e => (JsonNode)CardElements.Text(e.Message, attention: true))]),
            _ => throw new InvalidOperationException("Unexpected outcome."),
        };
    }

    /// <summary>In a 1:1 chat the card itself says it (with the sign-in button); elsewhere the notice goes to the 1:1 chat.</summary>
    private async Task<JsonObject> NotLinkedCardAsync(TeamsActivity activity, Requester requester, string replyTo, TicketNotice notice, CancellationToken ct)
    {
        if (activity.IsPersonal)
        {
            return StatusCard.ForNotice(notice, includePrivate: true);
        }

        await channel.PostNoticeAsync(replyTo, requester, notice, ct);
        return StatusCard.SentPrivately(TeamsTexts.For(activity.Locale));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams card submission {SubmissionId} accepted in tenant {TenantId} (duplicate: {Duplicate})")]
    private static partial void LogAccepted(ILogger logger, string submissionId, string tenantId, bool duplicate);
}
