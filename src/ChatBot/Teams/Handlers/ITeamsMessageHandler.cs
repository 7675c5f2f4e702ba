using ChatBot.Teams.Activities;

namespace ChatBot.Teams.Handlers;

/// <summary>
/// Handles one kind of message activity, by <see cref="Key"/>: <see cref="TeamsMessageKeys.Text"/> for typed text,
/// <c>card:&lt;action&gt;</c> for an <c>Action.Submit</c> of the bot's cards. Runs inside the request, so it must only
/// do what has to be durable before the 200 (accepting a submission) and queue the rest.
/// </summary>
public interface ITeamsMessageHandler
{
    string Key { get; }

    /// <summary>False when the work could not be taken now (queue full): the endpoint answers 503 and the connector may retry.</summary>
    Task<bool> HandleAsync(TeamsActivity activity, CancellationToken cancellationToken);
}

public static class TeamsMessageKeys
{
    public const string Text = "text";

    public static string Card(string action) => "card:" + action;
}
