using System.Text;
using ChatBot.ChatCommands;
using ChatBot.Tickets;

namespace ChatBot.Sync.Commands;

/// <summary>
/// <c>list</c> (<c>/ticket list</c> in Slack, <c>my tickets</c> in Teams): the asker's last 10 tickets opened through the
/// bot, newest first, with number, subject, status and last update, and a button with each ticket's private link.
/// Read from the store only, so it answers inside Slack's 3 seconds whatever Keliweb does.
/// </summary>
public sealed class TicketListCommand(RequesterTickets tickets, FollowedTicketStore follows, TicketNotices notices) : IChatCommand
{
    public const int Limit = 10;

    public IReadOnlyList<string> Names => ["list", "my tickets", "elenco", "i miei ticket"];

    public bool TakesArguments => false;

    public string NameOn(string platform) => platform == Linking.ChatPlatforms.Teams ? "my tickets" : "list";

    public string Describe(ChatCommandTexts texts) => SyncTexts.For(texts.Culture).ListDescription;

    public async Task<ChatReply> RunAsync(ChatCommandRequest request, CancellationToken cancellationToken)
    {
        var texts = SyncTexts.For(request.Person.Locale);
        var latest = await tickets.LatestAsync(request.Person.Identity, Limit, cancellationToken);
        if (latest.Count == 0)
        {
            return ChatReply.Say(texts.ListEmpty);
        }

        var followed = await follows.FindAsync([.. latest.Select(s => s.Id)], cancellationToken);
        var text = new StringBuilder(texts.ListTitle).Append('\n');
        var buttons = new List<ChatButton>();
        foreach (var submission in latest)
        {
            var ticket = submission.Ticket!;
            var follow = followed.GetValueOrDefault(submission.Id);
            text.Append("• ").Append(TicketLine.Describe(ticket.Tid, submission, follow, texts)).Append('\n');
            if (notices.TicketUrl(ticket) is { } url)
            {
                buttons.Add(new ChatButton("#" + ticket.Tid, url));
            }
        }

        text.Append(texts.ListMore(request.Written(TicketStatusCommand.Name + " " + latest[0].Ticket!.Tid)));
        return new ChatReply(text.ToString(), buttons);
    }
}
