using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Slack.Localization;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.Views;
using ChatBot.Tickets;

namespace ChatBot.Tests.Slack.Views;

public sealed class TicketModalTests
{
    public static TicketsOptions Options() => new()
    {
        Departments = [new() { Id = 1, Name = "Technical support", NameIt = "Assistenza tecnica" }, new() { Id = 2, Name = "Billing", NameIt = "Amministrazione" }],
        DefaultPriority = TicketPriority.Medium,
        CustomFields = [new() { Id = 12, Label = "Domain", LabelIt = "Dominio", DepartmentIds = [1], Required = true }],
        MaxFiles = 3,
    };

    private static readonly Requester Requester = new("slack", "T0KELIWEB", "U0REQUEST1", "giulia", "giulia@example.it", "it-IT");

    private static TicketModalMetadata Metadata(string? hash = null) => new("message", "C0SUPPORT", "U0REQUEST1", "6f1c2a", "1700000000.200001", "1700000000.100000", hash);

    private static SubmittedView FixtureView() =>
        JsonSerializer.Deserialize(Fixture("view_submission.json"), SlackJsonContext.Default.ViewSubmissionPayload)!.View;

    /// <summary>The fixture's state as maps a test may change.</summary>
    private static Dictionary<string, Dictionary<string, ViewStateValue>> Values() =>
        FixtureView().State!.Values.ToDictionary(b => b.Key, b => b.Value.ToDictionary(v => v.Key, v => v.Value));

    private static ViewState State(Dictionary<string, Dictionary<string, ViewStateValue>> values) =>
        new(values.ToDictionary(b => b.Key, b => (IReadOnlyDictionary<string, ViewStateValue>)b.Value));

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Slack", name));

    [Fact]
    public void Build_HasEveryFieldOfTheDesign_InItalian()
    {
        var files = new List<SlackFile> { new("F1", "maillog.txt", Mimetype: "text/plain", Size: 5) };
        var view = TicketModal.Build(new TicketModalPrefill("Oggetto", "Testo", files, Metadata()), Options(), SlackTexts.Italian);
        var blocks = view["blocks"]!.AsArray().Select(b => b!["block_id"]!.GetValue<string>()).ToList();
        Assert.Equal(["department", "subject", "message", "priority", "customfield_12", "message_files", "files"], blocks);
        Assert.Equal("Apri un ticket", view["title"]!["text"]!.GetValue<string>());
        Assert.Equal("open_ticket", view["callback_id"]!.GetValue<string>());

        var department = Block(view, "department");
        Assert.Equal(["Assistenza tecnica", "Amministrazione"], department["element"]!["options"]!.AsArray().Select(o => o!["text"]!["text"]!.GetValue<string>()));
        Assert.Equal("Oggetto", Block(view, "subject")["element"]!["initial_value"]!.GetValue<string>());
        Assert.True(Block(view, "message")["element"]!["multiline"]!.GetValue<bool>());
        Assert.Equal("Medium", Block(view, "priority")["element"]!["initial_option"]!["value"]!.GetValue<string>());
        Assert.Equal("Media", Block(view, "priority")["element"]!["initial_option"]!["text"]!["text"]!.GetValue<string>());

        // Only department 1 asks for the domain: optional in the modal, explained by a hint, enforced on submit.
        var custom = Block(view, "customfield_12");
        Assert.True(custom["optional"]!.GetValue<bool>());
        Assert.Contains("Assistenza tecnica", custom["hint"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var checkboxes = Block(view, "message_files")["element"]!;
        Assert.Equal("F1", checkboxes["initial_options"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(3, Block(view, "files")["element"]!["max_files"]!.GetValue<int>());
        Assert.Equal(Metadata(), TicketModalMetadata.Parse(view["private_metadata"]!.GetValue<string>()));
    }

    [Fact]
    public void Parse_DocumentedSubmission_GivesTheDraft()
    {
        var result = TicketModal.Parse(FixtureView(), Metadata(), null, Requester, Options(), SlackTexts.Italian);
        Assert.Empty(result.Errors);
        var draft = result.Draft!;
        Assert.Equal(1, draft.DepartmentId);
        Assert.Equal("Mail server rejects messages", draft.Subject);
        Assert.Equal("Since the DNS change every message bounces.", draft.Message);
        Assert.Equal(TicketPriority.High, draft.Priority);
        Assert.Equal("example.it", draft.CustomFields[12]);
        Assert.Equal([("maillog.txt", "F0LOG00001"), ("bounce.pdf", "F0UPLOAD01")], draft.Files.Select(f => (f.Name, f.Locator)));
        Assert.Equal(1234, draft.Files[1].Size);
        Assert.Same(Requester, draft.Requester);
        Assert.Equal(new SlackReplyTarget("message", "C0SUPPORT", "1700000000.100000"), SlackReplyTarget.Parse(draft.ReplyTo));
    }

    [Fact]
    public void Parse_EmptyRequiredFields_GivesLocalizedErrorsKeyedByBlock()
    {
        var view = FixtureView() with { State = State([]) };
        var result = TicketModal.Parse(view, Metadata(), null, Requester, Options(), SlackTexts.Italian);
        Assert.Null(result.Draft);
        Assert.Equal(SlackTexts.Italian.DepartmentRequired, result.Errors["department"]);
        Assert.Equal(SlackTexts.Italian.SubjectRequired, result.Errors["subject"]);
        Assert.Equal(SlackTexts.Italian.MessageRequired, result.Errors["message"]);
    }

    [Fact]
    public void Parse_DepartmentSpecificRequiredField_IsRequiredOnlyForThatDepartment()
    {
        var values = Values();
        values.Remove("customfield_12");
        var forTechnical = TicketModal.Parse(FixtureView() with { State = State(values) }, Metadata(), null, Requester, Options(), SlackTexts.English);
        Assert.Equal(SlackTexts.English.FieldRequired, forTechnical.Errors["customfield_12"]);

        values["department"]["department"] = values["department"]["department"] with { SelectedOption = new SelectedOption("2") };
        var forBilling = TicketModal.Parse(FixtureView() with { State = State(values) }, Metadata(), null, Requester, Options(), SlackTexts.English);
        Assert.Empty(forBilling.Errors);
        Assert.Empty(forBilling.Draft!.CustomFields);
    }

    [Fact]
    public void Parse_UnknownDepartmentOrTooManyFiles_AreErrors()
    {
        var values = Values();
        values["department"]["department"] = values["department"]["department"] with { SelectedOption = new SelectedOption("99") };
        var options = Options();
        options.MaxFiles = 1;
        var result = TicketModal.Parse(FixtureView() with { State = State(values) }, Metadata(), null, Requester, options, SlackTexts.English);
        Assert.Equal(SlackTexts.English.DepartmentRequired, result.Errors["department"]);
        Assert.Equal("Attach at most 1 files.", result.Errors["files"]);
    }

    [Fact]
    public void Parse_CutMessageLeftAsShown_GetsTheFullText_EditedOneKeepsTheEdit()
    {
        var shown = "Since the DNS change every message bounces.";
        var full = shown + new string('x', 5000);
        var kept = TicketModal.Parse(FixtureView(), Metadata(TicketModal.Hash(shown)), full, Requester, Options(), SlackTexts.English);
        Assert.Equal(full, kept.Draft!.Message);

        var edited = TicketModal.Parse(FixtureView(), Metadata(TicketModal.Hash("something else")), full, Requester, Options(), SlackTexts.English);
        Assert.Equal(shown, edited.Draft!.Message);
    }

    [Theory]
    [InlineData(TicketFields.Department, "department")]
    [InlineData(TicketFields.Files, "files")]
    [InlineData("customfield:12", "customfield_12")]
    [InlineData(TicketFields.Service, "message")]
    public void PipelineFieldNames_MapToBlockIds(string field, string blockId) => Assert.Equal(blockId, TicketModal.BlockIdFor(field, Options()));

    [Fact]
    public void LongFileName_KeepsItsExtensionInTheCheckboxLabel()
    {
        var label = TicketModal.FileLabel(new SlackFile("F1", new string('a', 100) + ".pdf"));
        Assert.Equal(75, label.Length);
        Assert.EndsWith("….pdf", label, StringComparison.Ordinal);
    }

    private static JsonObject Block(JsonObject view, string id) =>
        view["blocks"]!.AsArray().Single(b => b!["block_id"]!.GetValue<string>() == id)!.AsObject();
}
