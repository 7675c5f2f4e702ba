using ChatBot.Teams.Activities;
using ChatBot.Teams.Cards;

namespace ChatBot.Teams.Handlers;

/// <summary>
/// <c>Action.Submit</c> of the chat card: a message activity whose <c>value</c> holds the inputs and whose
/// <c>replyToId</c> is the card. The submission is accepted (durably) before the 200; the card is replaced after.
/// </summary>
public sealed class CardSubmitMessageHandler(TicketCardSubmission submission, TeamsFollowUps queue) : ITeamsMessageHandler
{
    public string Key => TeamsMessageKeys.Card(TicketCard.SubmitVerb);

    public async Task<bool> HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        var cardActivityId = activity.ReplyToId ?? activity.Id ?? "";
        var card = await submission.SubmitAsync(activity, activity.Value, cardActivityId, cancellationToken);
        // Accepted already: a full queue only costs the "creating" card; the result card comes from the pipeline anyway.
        if (card is not null)
        {
            queue.TryEnqueue(new ReplaceCard(activity.ServiceUrl, activity.Conversation?.Id ?? "", cardActivityId, card));
        }

        return true;
    }
}
