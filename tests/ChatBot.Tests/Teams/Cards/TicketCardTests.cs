using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Teams.Cards;
using ChatBot.Tickets;
using ChatBot.Tickets.Services;

namespace ChatBot.Tests.Teams.Cards;

public sealed class TicketCardTests
{
    private static readonly Requester Requester = new("teams", "tenant", "aad", "Giulia", null, "it-IT");

    private static TicketsOptions Options() => new()
    {
        Departments = [new() { Id = 1, Name = "Technical support", NameIt = "Assistenza tecnica" }, new() { Id = 2, Name = "Billing" }],
        DefaultPriority = TicketPriority.Low,
        CustomFields =
        [
            new() { Id = 7, Label = "Customer code", LabelIt = "Codice cliente", Required = true },
            new() { Id = 12, Label = "Domain", LabelIt = "Dominio", DepartmentIds = [1], Required = true },
        ],
    };

    [Fact]
    public void Build_DepartmentsAskingForDifferentFields_FirstAskForTheDepartment_CarryingWhatWasPrefilled()
    {
        var values = TicketCardValues.Empty with { Subject = "Sito giù", Message = "Da stamattina" };

        var card = TicketCard.Build(Options(), TeamsTexts.Italian, values, TicketCardSubmit.Execute, protectedFiles: "sealed");

        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Equal(["department"], Inputs(card).Keys);
        Assert.Equal("Assistenza tecnica", Inputs(card)["department"]["choices"]![0]!["title"]!.GetValue<string>());
        var action = card["actions"]![0]!;
        Assert.Equal("Action.Execute", action["type"]!.GetValue<string>());
        Assert.Equal("chooseDepartment", action["verb"]!.GetValue<string>());
        Assert.Equal("Avanti", action["title"]!.GetValue<string>());
        Assert.Equal("Sito giù", action["data"]!["subject"]!.GetValue<string>());
        Assert.Equal("Da stamattina", action["data"]!["message"]!.GetValue<string>());
        Assert.Equal("sealed", action["data"]!["files"]!.GetValue<string>());
    }

    [Fact]
    public void Build_ForADepartment_ShowsExactlyItsFields_RequiredOnesMarked_AndNoOnlyForHints()
    {
        var forSupport = TicketCard.Build(Options(), TeamsTexts.Italian, TicketCardValues.Empty with { Department = "1" }, TicketCardSubmit.Execute);
        var forBilling = TicketCard.Build(Options(), TeamsTexts.Italian, TicketCardValues.Empty with { Department = "2" }, TicketCardSubmit.Execute);

        var inputs = Inputs(forSupport);
        Assert.Equal(["department", "subject", "message", "priority", "customfield_7", "customfield_12"], inputs.Keys);
        Assert.Equal("1", inputs["department"]["value"]!.GetValue<string>());
        Assert.Equal("Low", inputs["priority"]["value"]!.GetValue<string>());
        Assert.True(inputs["message"]["isMultiline"]!.GetValue<bool>());
        Assert.Equal("Scrivi un oggetto.", inputs["subject"]["errorMessage"]!.GetValue<string>());
        Assert.True(inputs["customfield_7"]["isRequired"]!.GetValue<bool>());
        Assert.True(inputs["customfield_12"]["isRequired"]!.GetValue<bool>());
        Assert.Equal("Dominio", inputs["customfield_12"]["label"]!.GetValue<string>());
        Assert.Equal(["department", "subject", "message", "priority", "customfield_7"], Inputs(forBilling).Keys);
        var action = forSupport["actions"]![0]!;
        Assert.Equal("submitTicket", action["verb"]!.GetValue<string>());
        Assert.Equal("1", action["data"]!["formDepartment"]!.GetValue<string>());
        Assert.Equal("Action.Submit", action["fallback"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Build_DepartmentsAlike_IsTheWholeFormAtOnce()
    {
        var options = Options();
        options.CustomFields.RemoveAt(1);

        var card = TicketCard.Build(options, TeamsTexts.English, TicketCardValues.Empty, TicketCardSubmit.Submit);

        Assert.Equal(["department", "subject", "message", "priority", "customfield_7"], Inputs(card).Keys);
        Assert.False(TicketCard.NeedsDepartmentFirst(options));
    }

    [Fact]
    public void Build_WithServices_OffersThemFiltered_RequiredWhereTheDepartmentSaysSo()
    {
        var options = Options();
        options.Departments[0].RequiresService = true;
        var services = new ServiceField(new ServiceOwner("default", 7), new ServiceList(
            [new AccountService(101, "Hosting Starter", "negozio.it", "Active"), new AccountService(102, "VPS", null, "Terminated")], true, DateTimeOffset.UnixEpoch));

        var support = Inputs(TicketCard.Build(options, TeamsTexts.Italian, TicketCardValues.Empty with { Department = "1", Service = "S102" }, TicketCardSubmit.Execute, services: services));
        var billing = Inputs(TicketCard.Build(options, TeamsTexts.Italian, TicketCardValues.Empty with { Department = "2" }, TicketCardSubmit.Execute, services: services));

        var choice = support["service"];
        Assert.Equal("filtered", choice["style"]!.GetValue<string>());
        Assert.Equal("Servizio o dominio", choice["label"]!.GetValue<string>());
        Assert.Equal([("Hosting Starter · negozio.it", "S101"), ("VPS (terminato)", "S102")], choice["choices"]!.AsArray().Select(c => (c!["title"]!.GetValue<string>(), c["value"]!.GetValue<string>())));
        Assert.Equal("S102", choice["value"]!.GetValue<string>());
        Assert.True(choice["isRequired"]!.GetValue<bool>());
        Assert.Null(billing["service"]["isRequired"]);
    }

    [Fact]
    public void Build_ServicesUnknown_SaysSo_AndAGuestOrNoServicesHasNoField()
    {
        var unknown = new ServiceField(new ServiceOwner("default", null), ServiceList.Unknown);
        var none = new ServiceField(new ServiceOwner("default", null), new ServiceList([], true, DateTimeOffset.UnixEpoch));
        var values = TicketCardValues.Empty with { Department = "2" };

        var down = TicketCard.Build(Options(), TeamsTexts.English, values, TicketCardSubmit.Execute, services: unknown);

        Assert.DoesNotContain("service", Inputs(down).Keys);
        Assert.Contains(down["body"]!.AsArray(), e => e!["text"]?.GetValue<string>() == ServiceTexts.English.UnavailableNote);
        Assert.DoesNotContain("service", Inputs(TicketCard.Build(Options(), TeamsTexts.English, values, TicketCardSubmit.Execute, services: none)).Keys);
        Assert.DoesNotContain("service", Inputs(TicketCard.Build(Options(), TeamsTexts.English, values, TicketCardSubmit.Execute)).Keys);
    }

    [Fact]
    public void Build_ServiceError_SitsUnderTheServiceChoice()
    {
        var services = new ServiceField(new ServiceOwner("default", 7), new ServiceList([new AccountService(101, "Hosting", null, "Active")], true, DateTimeOffset.UnixEpoch));
        var errors = new[] { new FieldError(TicketFields.Service, ServiceTexts.English.Unknown) };

        var body = TicketCard.Build(Options(), TeamsTexts.English, TicketCardValues.Empty with { Department = "2" }, TicketCardSubmit.Execute, errors, services: services)["body"]!.AsArray();

        var index = body.IndexOf(body.Single(e => e!["id"]?.GetValue<string>() == "service"));
        Assert.Equal(ServiceTexts.English.Unknown, body[index + 1]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("chooseDepartment", null, "1", true)]
    [InlineData("submitTicket", "1", "2", true)]
    [InlineData("submitTicket", "1", "1", false)]
    [InlineData("submitTicket", null, "1", false)]
    [InlineData("chooseDepartment", null, "9", false)]
    public void NeedsDepartmentForm_NextOrAChangedDepartment_ButNotAnOlderCard(string action, string? shown, string chosen, bool expected)
    {
        var values = TicketCardValues.Empty with { Department = chosen, FormDepartment = shown, Action = action };

        Assert.Equal(expected, TicketCard.NeedsDepartmentForm(values, Options()));
    }

    [Fact]
    public void Parse_ServiceValue_BecomesTheDraftsServiceId()
    {
        var data = Data(new JsonObject { ["department"] = "2", ["subject"] = "s", ["message"] = "m", ["customfield_7"] = "C", ["service"] = "S101" });
        var forged = Data(new JsonObject { ["department"] = "2", ["subject"] = "s", ["message"] = "m", ["customfield_7"] = "C", ["service"] = "101; DROP" });

        Assert.Equal(101, Assert.IsType<TicketCardParse.Valid>(TicketCard.Parse(data, Options(), TeamsTexts.English, Requester, "r", [])).Draft.ServiceId);
        Assert.Equal(0, Assert.IsType<TicketCardParse.Valid>(TicketCard.Parse(forged, Options(), TeamsTexts.English, Requester, "r", [])).Draft.ServiceId);
    }

    private static Dictionary<string, JsonNode> Inputs(JsonObject card) =>
        card["body"]!.AsArray().Where(e => e!["id"] is not null).ToDictionary(e => e!["id"]!.GetValue<string>(), e => e!);

    [Fact]
    public void Parse_ValidData_GivesTheDraft_WithOnlyTheDepartmentsCustomFields()
    {
        var data = Data(new JsonObject
        {
            ["department"] = "2", ["subject"] = "  Fattura  ", ["message"] = "Doppio addebito", ["priority"] = "High",
            ["customfield_7"] = "C-42", ["customfield_12"] = "ignored.it", ["chatbotAction"] = "submitTicket",
        });
        var files = new List<FileReference> { new("a.txt", null, "{}") };

        var parse = TicketCard.Parse(data, Options(), TeamsTexts.Italian, Requester, "reply", files);

        var draft = Assert.IsType<TicketCardParse.Valid>(parse).Draft;
        Assert.Equal(2, draft.DepartmentId);
        Assert.Equal("Fattura", draft.Subject);
        Assert.Equal(TicketPriority.High, draft.Priority);
        Assert.Equal(new Dictionary<int, string> { [7] = "C-42" }, draft.CustomFields);
        Assert.Same(files, draft.Files);
        Assert.Equal("reply", draft.ReplyTo);
    }

    [Fact]
    public void Parse_InvalidData_GivesLocalizedErrorsPerField_AndKeepsTheValues()
    {
        var data = Data(new JsonObject { ["department"] = "9", ["subject"] = "", ["message"] = "x", ["priority"] = "1" });

        var invalid = Assert.IsType<TicketCardParse.Invalid>(TicketCard.Parse(data, Options(), TeamsTexts.English, Requester, "r", []));

        Assert.Equal(
            [(TicketFields.Department, "Choose one of the listed departments."), (TicketFields.Subject, "Write a subject."), (TicketFields.Priority, "Choose Low, Medium or High."), (TicketFields.CustomField(7), "Fill in Customer code.")],
            invalid.Errors.Select(e => (e.Field, e.Message)));
        // An unknown department: the department step again, with its error.
        var again = TicketCard.Build(Options(), TeamsTexts.English, invalid.Values, TicketCardSubmit.Submit, invalid.Errors);
        Assert.Equal("9", again["body"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == "department")!["value"]!.GetValue<string>());
        Assert.Equal(1, again["body"]!.AsArray().Count(e => e!["color"]?.GetValue<string>() == "Attention"));
        var form = TicketCard.Build(Options(), TeamsTexts.English, invalid.Values with { Department = "2" }, TicketCardSubmit.Submit, invalid.Errors);
        Assert.Equal(4, form["body"]!.AsArray().Count(e => e!["color"]?.GetValue<string>() == "Attention"));
        Assert.Equal("Action.Submit", again["actions"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_DepartmentSpecificRequiredField_IsCheckedForThatDepartment()
    {
        var data = Data(new JsonObject { ["department"] = "1", ["subject"] = "s", ["message"] = "m", ["customfield_7"] = "C-1" });

        var invalid = Assert.IsType<TicketCardParse.Invalid>(TicketCard.Parse(data, Options(), TeamsTexts.Italian, Requester, "r", []));

        Assert.Equal([(TicketFields.CustomField(12), "Compila Dominio.")], invalid.Errors.Select(e => (e.Field, e.Message)));
    }

    [Fact]
    public void Parse_NoData_IsInvalid() =>
        Assert.IsType<TicketCardParse.Invalid>(TicketCard.Parse(null, Options(), TeamsTexts.English, Requester, "r", []));

    private static JsonElement Data(JsonObject data) => JsonDocument.Parse(data.ToJsonString()).RootElement.Clone();
}
