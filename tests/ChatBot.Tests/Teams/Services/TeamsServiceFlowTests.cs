using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Tests.StandIns;
using ChatBot.Tickets.Services;

namespace ChatBot.Tests.Teams.Services;

/// <summary>
/// The service choice through the real host, the Bot Framework stand-ins and the Keliweb stand-in: the dialog offers
/// the linked account's services (Technical support requires one), the chosen one reaches open-ticket as serviceid,
/// a forged one is a field error under the choice.
/// </summary>
public sealed class TeamsServiceFlowTests : IAsyncLifetime
{
    private TeamsTestHost host = null!;

    public async Task InitializeAsync()
    {
        host = await TeamsTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Tickets:Departments:0:RequiresService"] = "true" });
        await host.Keliweb!.SetProductsAsync(KeliwebStandIn.DefaultUsername, [new(101, "Hosting Starter", "negozio.it"), new(102, "VPS Pro", "vps.example.com")]);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Dialog_OffersTheAccountsServices_AndTheChosenOneReachesOpenTicketAsServiceId()
    {
        var form = await FormAsync(department: "1");

        var service = form.Single(e => e!["id"]?.GetValue<string>() == "service")!;
        Assert.Equal(["S101", "S102"], service["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.Equal("Hosting Starter · negozio.it", service["choices"]![0]!["title"]!.GetValue<string>());
        Assert.True(service["isRequired"]!.GetValue<bool>());
        var subject = "Sito lento " + Guid.NewGuid().ToString("N")[..8];

        using var submitted = await SubmitAsync(subject, "1", "S102");

        Assert.Equal("{}", await submitted.Content.ReadAsStringAsync());
        var ticket = await host.WaitForTicketAsync(subject);
        Assert.Equal(102, ticket.ServiceId);
        Assert.Null(ticket.DomainId);
        Assert.Contains(await host.Keliweb!.GetProductsRequestsAsync(), r => r.Clientid == 42);
    }

    [Fact]
    public async Task Dialog_ForgedService_IsAFieldErrorUnderTheChoice_AndNoTicket()
    {
        var subject = "Forged " + Guid.NewGuid().ToString("N")[..8];

        using var submitted = await SubmitAsync(subject, "2", "S999");

        var body = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["task"]!["value"]!["card"]!["content"]!["body"]!.AsArray();
        var index = body.IndexOf(body.Single(e => e!["id"]?.GetValue<string>() == "service"));
        Assert.Equal(ServiceTexts.English.Unknown, body[index + 1]!["text"]!.GetValue<string>());
        Assert.DoesNotContain(await host.Keliweb!.GetTicketsAsync(), t => t.Subject == subject);
    }

    [Fact]
    public async Task Dialog_NoServiceForADepartmentThatRequiresOne_IsAFieldError()
    {
        var subject = "No service " + Guid.NewGuid().ToString("N")[..8];

        using var submitted = await SubmitAsync(subject, "1", null);

        var text = await submitted.Content.ReadAsStringAsync();
        Assert.Contains("Technical support needs it", text, StringComparison.Ordinal);
        Assert.DoesNotContain(await host.Keliweb!.GetTicketsAsync(), t => t.Subject == subject);
    }

    private async Task<JsonArray> FormAsync(string department)
    {
        var next = host.ChannelThread().Activity("invoke-submitaction-message-channel.json");
        next["value"]!["data"] = new JsonObject { ["chatbotAction"] = "chooseDepartment", ["department"] = department, ["subject"] = "s", ["message"] = "m" };
        using var response = await host.PostAsync(next);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["task"]!["value"]!["card"]!["content"]!["body"]!.AsArray();
    }

    private Task<HttpResponseMessage> SubmitAsync(string subject, string department, string? service)
    {
        var activity = host.ChannelThread().Activity("invoke-submitaction-message-channel.json");
        var data = activity["value"]!["data"]!.AsObject();
        data["subject"] = subject;
        data["department"] = department;
        data["formDepartment"] = department;
        data["customfield_12"] = "negozio.it";
        if (service is not null)
        {
            data["service"] = service;
        }

        return host.PostAsync(activity);
    }
}

/// <summary>Keliweb's get-clients-products failing from the start: the form says so, and the ticket goes without a service.</summary>
public sealed class TeamsServicesDownTests : IAsyncLifetime
{
    private TeamsTestHost host = null!;

    public async Task InitializeAsync()
    {
        host = await TeamsTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Tickets:Departments:0:RequiresService"] = "true" });
        await host.Keliweb!.SetProductsAsync(KeliwebStandIn.DefaultUsername, [new(101, "Hosting Starter", "negozio.it")]);
        await host.Keliweb.FailNextAsync(KeliwebStandIn.GetClientsProducts, StandInFault.Http(503), count: 1000);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task ServicesUnavailable_FormSaysSo_AndTheTicketGoesWithoutTheService_EvenWhereOneIsRequired()
    {
        var next = host.ChannelThread().Activity("invoke-submitaction-message-channel.json");
        next["value"]!["data"] = new JsonObject { ["chatbotAction"] = "chooseDepartment", ["department"] = "1" };
        using var step = await host.PostAsync(next);
        var body = JsonNode.Parse(await step.Content.ReadAsStringAsync())!["task"]!["value"]!["card"]!["content"]!["body"]!.AsArray();
        Assert.DoesNotContain(body, e => e!["id"]?.GetValue<string>() == "service");
        Assert.Contains(body, e => e!["text"]?.GetValue<string>() == ServiceTexts.English.UnavailableNote);

        var subject = "Down " + Guid.NewGuid().ToString("N")[..8];
        var activity = host.ChannelThread().Activity("invoke-submitaction-message-channel.json");
        var data = activity["value"]!["data"]!.AsObject();
        data["subject"] = subject;
        data["formDepartment"] = "1";
        data["service"] = "S101"; // chosen on a form built earlier: it cannot be checked now
        using var submitted = await host.PostAsync(activity);

        Assert.Equal("{}", await submitted.Content.ReadAsStringAsync());
        var ticket = await host.WaitForTicketAsync(subject);
        Assert.Null(ticket.ServiceId);
    }
}
