using ChatBot.Keliweb;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Keliweb;

/// <summary>open-ticket against the PHP stand-in: what PHP read, field by field.</summary>
public sealed class KeliwebOpenTicketTests : IAsyncLifetime
{
    private readonly TemporaryFiles files = new();
    private KeliwebTestHost host = null!;

    public async Task InitializeAsync() => host = await KeliwebTestHost.StartAsync();

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        files.Dispose();
    }

    [Fact]
    public async Task OpenTicket_ClientTicketWithEveryField_PhpReadsEachFieldAsSent()
    {
        var allBytes = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        var request = new OpenTicketRequest(
            DeptId: 2,
            Subject: "Fattura di novembre — città",
            Message: "Buongiorno,\n\n**la fattura** non è arrivata.\r\nGrazie",
            ClientId: 42,
            ContactId: 7,
            ServiceId: 9,
            Priority: "High",
            Markdown: true,
            CustomFields: new Dictionary<int, string> { [3] = "Forlì", [12] = "perché \"sì\"; {ok}" },
            Attachments: [new AttachmentFile("fattura_città_€.pdf", files.Write("a.pdf", allBytes))]);

        var result = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, request, CancellationToken.None);

        var opened = Assert.IsType<KeliwebResult<OpenedTicket>.Success>(result).Value;
        var ticket = Assert.Single(await host.StandIn.GetTicketsAsync());
        Assert.Equal(new OpenedTicket(ticket.Id, ticket.Tid, ticket.C), opened);
        Assert.Matches("^[0-9]{6}$", opened.Tid);
        Assert.Matches("^[A-Za-z0-9]{8}$", opened.C);
        Assert.Equal(2, ticket.DeptId);
        Assert.Equal(request.Subject, ticket.Subject);
        Assert.Equal(request.Message, ticket.Message);
        Assert.Equal(42, ticket.ClientId);
        Assert.Equal(7, ticket.ContactId);
        Assert.Equal(9, ticket.ServiceId);
        Assert.Null(ticket.DomainId);
        Assert.Null(ticket.Name);
        Assert.Null(ticket.Email);
        Assert.Equal("High", ticket.Priority);
        Assert.True(ticket.Markdown);
        Assert.Equal("1", ticket.MarkdownRaw);
        Assert.False(ticket.CustomFieldsError);
        Assert.Equal(request.CustomFields!.OrderBy(f => f.Key), ticket.CustomFields!.OrderBy(f => f.Key));
        Assert.False(ticket.AttachmentsError);
        var attachment = Assert.Single(ticket.Attachments);
        Assert.Equal(new StandInAttachment("fattura_città_€.pdf", 256, TemporaryFiles.Sha256(allBytes)), attachment);
        Assert.Equal(
            ["deptid", "subject", "message", "clientid", "contactid", "serviceid", "priority", "markdown", "customfields", "attachments"],
            ticket.PostedFields);
        var login = Assert.Single(await host.StandIn.GetTokenRequestsAsync());
        Assert.Equal(login.AccessToken, ticket.BearerToken);
    }

    [Fact]
    public async Task OpenTicket_WithAccentedCustomFields_PhpUnserializesThem()
    {
        var fields = new Dictionary<int, string> { [3] = "città", [12] = "Perché è già così? Sì, però più tardi: àèéìòù ÀÈÉÌÒÙ" };

        var result = await host.Client.OpenTicketAsync(
            KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket() with { CustomFields = fields }, CancellationToken.None);

        Assert.IsType<KeliwebResult<OpenedTicket>.Success>(result);
        var ticket = Assert.Single(await host.StandIn.GetTicketsAsync());
        Assert.False(ticket.CustomFieldsError);
        Assert.Equal("città", ticket.CustomFields![3]);
        Assert.Equal(fields[12], ticket.CustomFields[12]);
    }

    [Fact]
    public async Task OpenTicket_GuestWithNameAndEmail_IsOpenedWithoutClientId()
    {
        var request = new OpenTicketRequest(
            DeptId: 1, Subject: "Richiesta informazioni", Message: "Vorrei sapere i prezzi.", Name: "Niccolò Rossi", Email: "niccolo@example.it", Markdown: false);

        var result = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, request, CancellationToken.None);

        Assert.IsType<KeliwebResult<OpenedTicket>.Success>(result);
        var ticket = Assert.Single(await host.StandIn.GetTicketsAsync());
        Assert.Null(ticket.ClientId);
        Assert.Null(ticket.ContactId);
        Assert.Equal("Niccolò Rossi", ticket.Name);
        Assert.Equal("niccolo@example.it", ticket.Email);
        Assert.False(ticket.Markdown);
        Assert.Equal("0", ticket.MarkdownRaw);
        Assert.Null(ticket.CustomFields);
        Assert.Empty(ticket.Attachments);
        Assert.DoesNotContain("clientid", ticket.PostedFields);
        Assert.DoesNotContain("attachments", ticket.PostedFields);
    }

    [Fact]
    public async Task OpenTicket_GuestWithoutEmail_ReturnsWhmcsErrorMessage()
    {
        var request = new OpenTicketRequest(DeptId: 1, Subject: "Domanda", Message: "Testo", Name: "Solo nome");

        var result = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, request, CancellationToken.None);

        Assert.Equal("Name and email address are required if not a client", Assert.IsType<KeliwebResult<OpenedTicket>.ApiError>(result).Message);
        Assert.Empty(await host.StandIn.GetTicketsAsync());
    }

    [Fact]
    public async Task OpenTicket_SeveralFilesIncludingA20MegabyteOne_ArriveByteExact()
    {
        var big = files.WriteRandom("big.pdf", 20 * 1024 * 1024, seed: 20);
        var tiny = files.WriteRandom("tiny.txt", 2, seed: 2);
        var empty = files.Write("empty.txt", []);
        AttachmentFile[] attachments = [new("scansione_grande.pdf", big.Path), new("due byte.txt", tiny.Path), new("vuoto.txt", empty)];

        var result = await host.Client.OpenTicketAsync(
            KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket() with { Attachments = attachments }, CancellationToken.None);

        Assert.IsType<KeliwebResult<OpenedTicket>.Success>(result);
        var ticket = Assert.Single(await host.StandIn.GetTicketsAsync());
        Assert.Equal(
            [
                new StandInAttachment("scansione_grande.pdf", 20 * 1024 * 1024, big.Sha256),
                new StandInAttachment("due byte.txt", 2, tiny.Sha256),
                new StandInAttachment("vuoto.txt", 0, TemporaryFiles.Sha256([])),
            ],
            ticket.Attachments);
        var encoded = AttachmentEncoding.EncodedLength(attachments.Select(a => (a.Name, new FileInfo(a.Path).Length)));
        Assert.InRange(ticket.ContentLength, encoded, encoded + AttachmentEncoding.RequestOverhead(ticket.Subject, ticket.Message));
    }

    [Fact]
    public async Task OpenTicket_UnknownDepartment_ReturnsDepartmentNotFound()
    {
        await host.StandIn.SetUnknownDepartmentsAsync(77);

        var result = await host.Client.OpenTicketAsync(
            KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket() with { DeptId = 77 }, CancellationToken.None);

        Assert.Equal("Department ID not found", Assert.IsType<KeliwebResult<OpenedTicket>.ApiError>(result).Message);
        Assert.Empty(await host.StandIn.GetTicketsAsync());
    }

    [Theory]
    [InlineData(null, 7, null, null, "Medium", "contactid")]
    [InlineData(42, null, 5, 6, "Medium", "serviceid and domainid")]
    [InlineData(42, null, null, null, "Urgent", "priority")]
    [InlineData(42, null, null, null, "medium", "priority")]
    public async Task OpenTicket_InvalidCombination_IsRefusedBeforeAnythingIsSent(
        int? clientId, int? contactId, int? serviceId, int? domainId, string priority, string problem)
    {
        var request = KeliwebTestHost.ClientTicket() with
        {
            ClientId = clientId, ContactId = contactId, ServiceId = serviceId, DomainId = domainId, Priority = priority,
        };

        var result = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, request, CancellationToken.None);

        var error = Assert.IsType<KeliwebResult<OpenedTicket>.ApiError>(result);
        Assert.StartsWith(KeliwebRequestForms.InvalidRequestPrefix, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
        Assert.Empty(await host.StandIn.GetTokenRequestsAsync());
    }

    [Fact]
    public async Task OpenTicket_AttachmentMissingOnDisk_IsRefusedBeforeSending()
    {
        var request = KeliwebTestHost.ClientTicket() with { Attachments = [new AttachmentFile("gone.pdf", "/nonexistent/gone.pdf")] };

        var result = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, request, CancellationToken.None);

        Assert.Contains("gone.pdf", Assert.IsType<KeliwebResult<OpenedTicket>.ApiError>(result).Message, StringComparison.Ordinal);
        Assert.Equal(0, await host.StandIn.GetCallCountAsync(KeliwebStandIn.OpenTicket));
    }
}
