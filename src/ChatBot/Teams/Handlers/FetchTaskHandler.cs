using System.Text.Json.Serialization.Metadata;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Cards;
using ChatBot.Teams.Files;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Handlers;

/// <summary>
/// <c>composeExtension/fetchTask</c> of the "Create ticket" message action: a dialog with the form prefilled
/// from the message (<c>messagePayload</c>). Users who are not linked get the notice instead of a form.
/// </summary>
public sealed class FetchTaskHandler(TicketIntake intake, TeamsMessageFiles messageFiles, TicketCardServices services, IOptionsMonitor<TicketsOptions> tickets)
    : TeamsInvokeHandler<MessageActionValue>
{
    public const string Name = "composeExtension/fetchTask";

    public override string InvokeName => Name;

    protected override JsonTypeInfo<MessageActionValue> ValueType => TeamsJsonContext.Default.MessageActionValue;

    protected override async Task<InvokeResponse> HandleAsync(TeamsActivity activity, MessageActionValue value, CancellationToken cancellationToken)
    {
        var texts = TeamsTexts.For(activity.Locale);
        if (TeamsRequester.From(activity) is not { } requester)
        {
            return InvokeResponse.TaskMessage(texts.UnknownUser);
        }

        var replyTo = TeamsReplyTo.ForMessage(activity, value.MessagePayload).ToJson();
        if (await intake.CheckLinkedAsync(requester, replyTo, cancellationToken) is { } notLinked)
        {
            // The dialog is the asker's alone: the sign-in button may be in it.
            return InvokeResponse.TaskCard(texts.TaskTitle, StatusCard.ForNotice(notLinked, includePrivate: true));
        }

        var note = TeamsMessageFiles.Note(messageFiles.OfMessageAction(activity, value.MessagePayload), activity.Locale);
        var card = TicketCard.Build(
            tickets.CurrentValue, texts, MessageActionDraft.Prefill(value.MessagePayload, texts), TicketCardSubmit.Submit, note: note,
            services: await services.ForAsync(requester, cancellationToken));
        return InvokeResponse.TaskCard(texts.TaskTitle, card);
    }
}
