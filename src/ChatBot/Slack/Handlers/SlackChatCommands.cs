using ChatBot.ChatCommands;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.Views;
using ChatBot.Slack.WebApi;

namespace ChatBot.Slack.Handlers;

/// <summary>
/// <c>/ticket &lt;command&gt;</c>: when the text names a registered chat command, it runs and its reply is the
/// ephemeral answer. Any other text stays the subject of a new ticket (see <see cref="TicketCommandHandler"/>).
/// </summary>
public sealed partial class SlackChatCommands(ChatCommandRegistry registry, SlackUserDirectory users, ILogger<SlackChatCommands> logger)
{
    public static readonly ChatSyntax Syntax = new(TicketCommandHandler.Command + " {0}", TicketCommandHandler.Command + " [subject]", Linking.ChatPlatforms.Slack);

    /// <summary>The answer when <paramref name="command"/>'s text is a chat command; null when it is a subject.</summary>
    public async Task<SlackAck?> TryRunAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        if (registry.Match(command.Text) is not { } match)
        {
            return null;
        }

        var requester = await users.RequesterAsync(command.Workspace, command.UserId, TicketCommandHandler.UserLookupBudget, cancellationToken, command.TeamDomain);
        var person = requester.Person(new SlackReplyTarget(TicketModalMetadata.CommandKind, command.ChannelId).Serialize());
        var reply = await match.Command.RunAsync(new ChatCommandRequest(person, match.Arguments, Syntax), cancellationToken);
        LogRan(logger, command.TeamId, command.UserId, match.Command.Names[0]);
        return SlackAck.Json(ChatReplyMessages.Ephemeral(reply));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack /ticket {Name} from team {TeamId} user {UserId}")]
    private static partial void LogRan(ILogger logger, string teamId, string userId, string name);
}
