using ChatBot.Teams.Activities;
using ChatBot.Teams.Cards;

namespace ChatBot.Teams.Handlers;

/// <summary>
/// <c>Action.Submit</c> (the fallback of clients without Universal Actions) of the card's department step: the card
/// is replaced by the form for the chosen department, after the 200.
/// </summary>
public sealed class CardDepartmentMessageHandler(TicketCardSubmission submission, TeamsFollowUps queue) : ITeamsMessageHandler
{
    public string Key => TeamsMessageKeys.Card(TicketCard.ChooseDepartmentVerb);

    public async Task<bool> HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        var cardActivityId = activity.ReplyToId ?? activity.Id ?? "";
        var card = await submission.DepartmentFormAsync(activity, activity.Value, cancellationToken);
        queue.TryEnqueue(new ReplaceCard(activity.ServiceUrl, activity.Conversation?.Id ?? "", cardActivityId, card));
        return true;
    }
}
