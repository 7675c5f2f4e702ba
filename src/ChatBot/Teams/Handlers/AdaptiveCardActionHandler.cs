using System.Text.Json.Serialization.Metadata;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Cards;

namespace ChatBot.Teams.Handlers;

/// <summary>
/// <c>adaptiveCard/action</c> (Universal Actions, <c>Action.Execute</c>): the answer's card replaces the form for
/// the user who clicked, on the same request; the pipeline's result later replaces it for everyone (PUT).
/// </summary>
public sealed class AdaptiveCardActionHandler(TicketCardSubmission submission) : TeamsInvokeHandler<AdaptiveCardInvokeValue>
{
    public const string Name = "adaptiveCard/action";

    public override string InvokeName => Name;

    protected override JsonTypeInfo<AdaptiveCardInvokeValue> ValueType => TeamsJsonContext.Default.AdaptiveCardInvokeValue;

    protected override async Task<InvokeResponse> HandleAsync(TeamsActivity activity, AdaptiveCardInvokeValue value, CancellationToken cancellationToken)
    {
        var data = value.Action?.Data;
        switch (value.Action?.Verb)
        {
            case TicketCard.SubmitVerb:
                var cardActivityId = activity.ReplyToId ?? activity.Id ?? "";
                return await submission.SubmitAsync(activity, data, cardActivityId, cancellationToken) is { } card
                    ? InvokeResponse.Card(card)
                    : InvokeResponse.CardMessage(TeamsTexts.For(activity.Locale).AlreadySubmitted);
            case TicketCard.ChooseDepartmentVerb:
                return InvokeResponse.Card(await submission.DepartmentFormAsync(activity, data, cancellationToken));
            case TicketCard.ResubmitVerb:
                return InvokeResponse.Card(await submission.ResubmitAsync(activity, data, cancellationToken));
            default:
                return Malformed(activity);
        }
    }

    protected override InvokeResponse Malformed(TeamsActivity activity) => InvokeResponse.CardBadRequest(TeamsTexts.For(activity.Locale).CardUnreadable);
}
