using System.Text.Json.Serialization.Metadata;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Cards;
using ChatBot.Teams.Files;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Handlers;

/// <summary>
/// <c>composeExtension/submitAction</c>: errors re-show the dialog; otherwise the submission is accepted and
/// <c>{}</c> closes it within Teams' five seconds. The result goes into the message's thread later.
/// </summary>
public sealed partial class SubmitActionHandler(
    TicketIntake intake, TeamsMessageFiles messageFiles, TicketCardServices services, IOptionsMonitor<TicketsOptions> tickets, ILogger<SubmitActionHandler> logger)
    : TeamsInvokeHandler<MessageActionValue>
{
    public const string Name = "composeExtension/submitAction";

    public override string InvokeName => Name;

    protected override JsonTypeInfo<MessageActionValue> ValueType => TeamsJsonContext.Default.MessageActionValue;

    protected override async Task<InvokeResponse> HandleAsync(TeamsActivity activity, MessageActionValue value, CancellationToken cancellationToken)
    {
        var texts = TeamsTexts.For(activity.Locale);
        if (TeamsRequester.From(activity) is not { } requester)
        {
            return InvokeResponse.TaskMessage(texts.UnknownUser);
        }

        var files = messageFiles.OfMessageAction(activity, value.MessagePayload);
        var replyTo = TeamsReplyTo.ForMessage(activity, value.MessagePayload).ToJson();
        var options = tickets.CurrentValue;
        var values = TicketCardValues.From(value.Data);
        if (TicketCard.NeedsDepartmentForm(values, options) || (values.Action == TicketCard.ChooseDepartmentVerb && string.IsNullOrEmpty(values.Department)))
        {
            // The dialog's department step (or a department changed on the form): the dialog continues with its form.
            return InvokeResponse.TaskCard(texts.TaskTitle, TicketCard.Build(
                options, texts, values, TicketCardSubmit.Submit, note: TicketCard.DepartmentFormNote(values, options, texts) ?? TeamsMessageFiles.Note(files, activity.Locale),
                services: await services.ForAsync(requester, cancellationToken)));
        }

        switch (TicketCard.Parse(value.Data, options, texts, requester, replyTo, files))
        {
            case TicketCardParse.Invalid invalid:
                return InvokeResponse.TaskCard(
                    texts.TaskTitle, TicketCard.Build(options, texts, invalid.Values, TicketCardSubmit.Submit, invalid.Errors, services: await services.ForAsync(requester, cancellationToken)));
            case TicketCardParse.Valid valid:
                var key = "teams:" + (activity.Id ?? "") + ":" + requester.UserId;
                switch (await intake.AcceptAsync(valid.Draft, key, cancellationToken))
                {
                    case AcceptOutcome.Accepted accepted:
                        LogAccepted(logger, accepted.SubmissionId, requester.TenantId, accepted.Duplicate);
                        return InvokeResponse.Empty();
                    case AcceptOutcome.Invalid rejected:
                        return InvokeResponse.TaskCard(
                            texts.TaskTitle, TicketCard.Build(options, texts, values, TicketCardSubmit.Submit, rejected.Errors, services: await services.ForAsync(requester, cancellationToken)));
                    case AcceptOutcome.NotLinked notLinked:
                        return InvokeResponse.TaskCard(texts.TaskTitle, StatusCard.ForNotice(notLinked.Notice, includePrivate: true));
                }

                break;
        }

        return InvokeResponse.BadRequest;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams message-action submission {SubmissionId} accepted in tenant {TenantId} (duplicate: {Duplicate})")]
    private static partial void LogAccepted(ILogger logger, string submissionId, string tenantId, bool duplicate);
}
