using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Teams.Cards;
using ChatBot.Tickets;

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
    public void Build_ItalianCard_HasEveryInputWithLocalizedLabelsAndRequiredFlags()
    {
        var card = TicketCard.Build(Options(), TeamsTexts.Italian, TicketCardValues.Empty, TicketCardSubmit.Execute);

        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var inputs = card["body"]!.AsArray().Where(e => e!["id"] is not null).ToDictionary(e => e!["id"]!.GetValue<string>(), e => e!);
        Assert.Equal(["department", "subject", "message", "priority", "customfield_7", "customfield_12"], inputs.Keys);
        Assert.Equal(["1", "2"], inputs["department"]["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.Equal("Assistenza tecnica", inputs["department"]["choices"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("Low", inputs["priority"]["value"]!.GetValue<string>());
        Assert.True(inputs["message"]["isMultiline"]!.GetValue<bool>());
        Assert.Equal("Scrivi un oggetto.", inputs["subject"]["errorMessage"]!.GetValue<string>());
        Assert.True(inputs["customfield_7"]["isRequired"]!.GetValue<bool>());
        Assert.Null(inputs["customfield_12"]["isRequired"]); // only department 1 asks for it: checked on submit
        Assert.Equal("Dominio (Assistenza tecnica)", inputs["customfield_12"]["label"]!.GetValue<string>());
        var action = card["actions"]![0]!;
        Assert.Equal("Action.Execute", action["type"]!.GetValue<string>());
        Assert.Equal("submitTicket", action["verb"]!.GetValue<string>());
        Assert.Equal("Action.Submit", action["fallback"]!["type"]!.GetValue<string>());
    }

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
        var again = TicketCard.Build(Options(), TeamsTexts.English, invalid.Values, TicketCardSubmit.Submit, invalid.Errors);
        Assert.Equal("9", again["body"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == "department")!["value"]!.GetValue<string>());
        Assert.Equal(4, again["body"]!.AsArray().Count(e => e!["color"]?.GetValue<string>() == "Attention"));
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
