using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChatBot.Teams.Activities;
using ChatBot.Tickets;

namespace ChatBot.Teams.Handlers;

/// <summary>
/// Work that follows a 200 to the connector: posting the card for "ticket", replacing a submitted card. Bounded,
/// so a flood makes the endpoint say 503 instead of growing memory; nothing here is a ticket (those are durable in the pipeline).
/// </summary>
public sealed class TeamsFollowUps
{
    internal const int Capacity = 1000;

    private readonly Channel<TeamsWork> channel = Channel.CreateBounded<TeamsWork>(
        new BoundedChannelOptions(Capacity) { SingleReader = false, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>False when the queue is full.</summary>
    public bool TryEnqueue(TeamsWork work) => channel.Writer.TryWrite(work);

    public ChannelReader<TeamsWork> Reader => channel.Reader;
}

/// <summary>One item of <see cref="TeamsFollowUps"/>.</summary>
public abstract record TeamsWork;

/// <summary>Answer "ticket" with the form (or the not-linked notice); the message's files were read in the request.</summary>
public sealed record SendTicketCard(TeamsActivity Activity, IReadOnlyList<FileReference> Files) : TeamsWork;

/// <summary>Replace a card after an <c>Action.Submit</c> (the invoke path answers in place instead).</summary>
public sealed record ReplaceCard(string ServiceUrl, string ConversationId, string ActivityId, JsonObject Card) : TeamsWork;

/// <summary>Answer other text with a short help.</summary>
public sealed record SendHelp(TeamsActivity Activity) : TeamsWork;

/// <summary>Run a chat command the text named (<c>link</c>, <c>whoami</c>...) and answer privately.</summary>
public sealed record RunChatCommand(TeamsActivity Activity, ChatCommands.ChatCommandMatch Match) : TeamsWork;
