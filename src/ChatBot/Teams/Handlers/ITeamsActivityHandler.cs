using ChatBot.Teams.Activities;

namespace ChatBot.Teams.Handlers;

/// <summary>
/// Handles one activity type that is neither a message nor an invoke (<c>conversationUpdate</c>,
/// <c>installationUpdate</c>), by <see cref="ActivityType"/>; registered once (a duplicate stops the start). Runs
/// inside the request: it records what must be durable before the 200 and leaves posting to a worker.
/// </summary>
public interface ITeamsActivityHandler
{
    string ActivityType { get; }

    Task HandleAsync(TeamsActivity activity, CancellationToken cancellationToken);
}
