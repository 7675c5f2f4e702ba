using System.Text;
using ChatBot.ChatCommands;
using ChatBot.Keliweb;
using ChatBot.Tickets;

namespace ChatBot.Sync.Commands;

/// <summary>
/// <c>status 516757</c>: one of the asker's tickets with its current status and the last staff reply, read live from
/// Keliweb within <see cref="LiveBudget"/> (a command answers inside Slack's 3 seconds), else as last seen. Only tickets
/// the asker opened through the bot: a ticket number is not a secret, its conversation is.
/// </summary>
public sealed class TicketStatusCommand(RequesterTickets tickets, FollowedTicketStore follows, KeliwebClient keliweb, TicketNotices notices) : IChatCommand
{
    public const string Name = "status";

    public static readonly TimeSpan LiveBudget = TimeSpan.FromMilliseconds(1200);

    /// <summary>A staff reply in a chat answer is an excerpt: the ticket holds the rest.</summary>
    public const int MaxReplyExcerpt = 1500;

    public IReadOnlyList<string> Names => [Name, "stato"];

    public bool TakesArguments => true;

    public string Describe(ChatCommandTexts texts) => SyncTexts.For(texts.Culture).StatusDescription;

    public async Task<ChatReply> RunAsync(ChatCommandRequest request, CancellationToken cancellationToken)
    {
        var texts = SyncTexts.For(request.Person.Locale);
        var number = request.Arguments.Trim().TrimStart('#');
        if (number.Length is 0 or > 32 || !number.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return ChatReply.Say(texts.StatusUsage(request.Written(Name + " N"), request.Written(Name + " 516757")));
        }

        if (await tickets.FindAsync(request.Person.Identity, number, cancellationToken) is not { Ticket: { } ticket } submission)
        {
            return ChatReply.Say(texts.StatusNotFound(number));
        }

        var follow = await follows.GetAsync(submission.Id, cancellationToken);
        var live = await ReadAsync(submission, ticket, cancellationToken);
        var text = new StringBuilder(TicketLine.Describe(ticket.Tid, submission, follow, texts, live?.Status)).Append('\n');
        if (live is null)
        {
            text.Append(texts.AsLastSeen(texts.When(follow?.LastUpdateAt ?? follow?.LastActivityAt ?? submission.UpdatedAt)));
        }
        else if (live.Replies.LastOrDefault(r => r.IsStaff) is { } reply)
        {
            var offset = follow?.ClockOffsetMinutes ?? KeliwebClock.OffsetMinutes(live.Date, follow?.OpenedAt ?? submission.CreatedAt);
            var when = KeliwebClock.ToUtc(reply.Date, offset) is { } at ? texts.When(at) : reply.Date ?? "";
            var excerpt = StaffReplyText.Format(reply.Message).Plain;
            text.Append(texts.LastStaffReply(reply.Admin, when)).Append('\n')
                .Append(excerpt.Length <= MaxReplyExcerpt ? excerpt : string.Concat(excerpt.AsSpan(0, MaxReplyExcerpt - 1), "…"));
        }
        else
        {
            text.Append(texts.NoStaffReply);
        }

        var url = notices.TicketUrl(ticket);
        return new ChatReply(text.ToString(), url is null ? [] : [new ChatButton("#" + ticket.Tid, url)]);
    }

    private async Task<KeliwebTicket?> ReadAsync(Submission submission, OpenedTicketInfo ticket, CancellationToken cancellationToken)
    {
        if (submission.AccountId is null)
        {
            return null;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(LiveBudget);
        try
        {
            return await keliweb.GetTicketAsync(submission.AccountId, ticket.TicketId, null, budget.Token) is KeliwebResult<KeliwebTicket>.Success(var read)
                ? read
                : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
