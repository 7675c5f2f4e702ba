using ChatBot.Teams.Activities;
using ChatBot.Teams.Cards;

namespace ChatBot.Teams.Handlers;

/// <summary><c>Action.Submit</c> fallback of "Submit again" on an uncertain result card.</summary>
public sealed class CardResubmitMessageHandler(TicketCardSubmission submission, TeamsFollowUps queue) : ITeamsMessageHandler
{
    public string Key => TeamsMessageKeys.Card(TicketCard.ResubmitVerb);

    public async Task<bool> HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        var card = await submission.ResubmitAsync(activity, activity.Value, cancellationToken);
        if (activity.ReplyToId is { } cardActivityId)
        {
            queue.TryEnqueue(new ReplaceCard(activity.ServiceUrl, activity.Conversation?.Id ?? "", cardActivityId, card));
        }

        return true;
    }
}
