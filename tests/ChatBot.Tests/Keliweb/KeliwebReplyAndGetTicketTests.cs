using ChatBot.Keliweb;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Keliweb;

/// <summary>add-ticket-reply and get-ticket against the PHP stand-in.</summary>
public sealed class KeliwebReplyAndGetTicketTests : IAsyncLifetime
{
    private const string Default = KeliwebOptions.DefaultAccountId;
    private readonly TemporaryFiles files = new();
    private KeliwebTestHost host = null!;

    public async Task InitializeAsync() => host = await KeliwebTestHost.StartAsync();

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        files.Dispose();
    }

    [Fact]
    public async Task AddTicketReply_WithFilesAndCustomFields_PhpReadsThemOnTheTicket()
    {
        var opened = await OpenAsync();
        var file = files.WriteRandom("log.txt", 100_003, seed: 7);
        var request = new AddTicketReplyRequest(
            TicketId: opened.Id,
            Message: "Ecco i file che non entravano nella richiesta.",
            Markdown: true,
            ClientId: 42,
            ContactId: 7,
            CustomFields: new Dictionary<int, string> { [3] = "città" },
            Attachments: [new AttachmentFile("registro_attività.txt", file.Path)]);

        var result = await host.Client.AddTicketReplyAsync(Default, request, CancellationToken.None);

        Assert.Equal(new TicketReplyAdded(opened.Id), Assert.IsType<KeliwebResult<TicketReplyAdded>.Success>(result).Value);
        var reply = Assert.Single(await host.StandIn.GetRepliesAsync());
        Assert.Equal(opened.Id, reply.TicketId);
        Assert.Equal(request.Message, reply.Message);
        Assert.True(reply.Markdown);
        Assert.Equal(42, reply.ClientId);
        Assert.Equal(7, reply.ContactId);
        Assert.Null(reply.Name);
        Assert.Equal("città", reply.CustomFields![3]);
        Assert.Equal([new StandInAttachment("registro_attività.txt", 100_003, file.Sha256)], reply.Attachments);
    }

    [Fact]
    public async Task AddTicketReply_GuestNameAndEmail_AreSent()
    {
        var opened = await OpenAsync();

        var result = await host.Client.AddTicketReplyAsync(
            Default, new AddTicketReplyRequest(opened.Id, "Altre informazioni", Markdown: false, Name: "Niccolò", Email: "n@example.it"), CancellationToken.None);

        Assert.IsType<KeliwebResult<TicketReplyAdded>.Success>(result);
        var reply = Assert.Single(await host.StandIn.GetRepliesAsync());
        Assert.Equal(("Niccolò", "n@example.it", (int?)null, (bool?)false), (reply.Name, reply.Email, reply.ClientId, reply.Markdown));
    }

    [Fact]
    public async Task AddTicketReply_UnknownTicket_ReturnsTicketIdNotFound()
    {
        var result = await host.Client.AddTicketReplyAsync(Default, new AddTicketReplyRequest(999, "Ciao"), CancellationToken.None);

        Assert.Equal("Ticket ID Not Found", Assert.IsType<KeliwebResult<TicketReplyAdded>.ApiError>(result).Message);
    }

    [Fact]
    public async Task AddTicketReply_ServiceUnavailable_IsNotSent()
    {
        var opened = await OpenAsync();
        await host.StandIn.FailNextAsync(KeliwebStandIn.AddTicketReply, StandInFault.Http(503, headers: new() { ["Retry-After"] = "3" }));

        var result = await host.Client.AddTicketReplyAsync(Default, new AddTicketReplyRequest(opened.Id, "Ciao"), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(3), Assert.IsType<KeliwebResult<TicketReplyAdded>.NotSent>(result).RetryAfter);
        Assert.Empty(await host.StandIn.GetRepliesAsync());
    }

    [Fact]
    public async Task GetTicket_ById_ReturnsNumberAccessKeyAndFields()
    {
        var opened = await OpenAsync();

        var result = await host.Client.GetTicketAsync(Default, opened.Id, null, CancellationToken.None);

        var ticket = Assert.IsType<KeliwebResult<KeliwebTicket>.Success>(result).Value;
        Assert.Equal(new KeliwebTicket(opened.Id, opened.Tid, opened.C, "Sito non raggiungibile", "Open", 1) { Replies = ticket.Replies, Date = ticket.Date, LastReply = ticket.LastReply }, ticket);
        // As WHMCS lists it: the opening message is reply 0, the customer's own.
        var opening = Assert.Single(ticket.Replies);
        Assert.Equal(0, opening.ReplyId);
        Assert.False(opening.IsStaff);
    }

    [Fact]
    public async Task GetTicket_ByNumberWhenAnswerCallsItTicketnum_ReadsTheNumber()
    {
        var opened = await OpenAsync();
        await host.StandIn.SetTicketNumberFieldAsync("ticketnum");

        var result = await host.Client.GetTicketAsync(Default, null, opened.Tid, CancellationToken.None);

        var ticket = Assert.IsType<KeliwebResult<KeliwebTicket>.Success>(result).Value;
        Assert.Equal((opened.Id, opened.Tid), (ticket.Id, ticket.Tid));
    }

    [Fact]
    public async Task GetTicket_NeitherIdNorNumber_IsRefusedBeforeSending()
    {
        var result = await host.Client.GetTicketAsync(Default, null, " ", CancellationToken.None);

        Assert.StartsWith(KeliwebRequestForms.InvalidRequestPrefix, Assert.IsType<KeliwebResult<KeliwebTicket>.ApiError>(result).Message, StringComparison.Ordinal);
        Assert.Equal(0, await host.StandIn.GetCallCountAsync(KeliwebStandIn.GetTicket));
    }

    private async Task<OpenedTicket> OpenAsync()
    {
        var result = await host.Client.OpenTicketAsync(Default, KeliwebTestHost.ClientTicket(), CancellationToken.None);
        return Assert.IsType<KeliwebResult<OpenedTicket>.Success>(result).Value;
    }
}
