using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Slack.Localization;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.Views;
using ChatBot.Tickets;
using ChatBot.Tickets.Services;

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
        // No department chosen yet: only the fields every department asks for (none here); no guest-less service field without services.
        Assert.Equal(["department", "subject", "message", "priority", "message_files", "files"], blocks);
        Assert.Equal("Apri un ticket", view["title"]!["text"]!.GetValue<string>());
        Assert.Equal("open_ticket", view["callback_id"]!.GetValue<string>());

        var department = Block(view, "department");
        Assert.Equal(["Assistenza tecnica", "Amministrazione"], department["element"]!["options"]!.AsArray().Select(o => o!["text"]!["text"]!.GetValue<string>()));
        Assert.Equal("Oggetto", Block(view, "subject")["element"]!["initial_value"]!.GetValue<string>());
        Assert.True(Block(view, "message")["element"]!["multiline"]!.GetValue<bool>());
        Assert.Equal("Medium", Block(view, "priority")["element"]!["initial_option"]!["value"]!.GetValue<string>());
        Assert.Equal("Media", Block(view, "priority")["element"]!["initial_option"]!["text"]!["text"]!.GetValue<string>());

        // Choosing the department updates the modal (block_actions, then views.update).
        Assert.True(department["dispatch_action"]!.GetValue<bool>());

        var checkboxes = Block(view, "message_files")["element"]!;
        Assert.Equal("F1", checkboxes["initial_options"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(3, Block(view, "files")["element"]!["max_files"]!.GetValue<int>());
        Assert.Equal(Metadata(), TicketModalMetadata.Parse(view["private_metadata"]!.GetValue<string>()));
    }

    [Fact]
    public void Build_ForTheChosenDepartment_ShowsExactlyItsFields_RequiredOnesMarked_AndKeepsWhatWasTyped()
    {
        var options = Options();
        options.Departments[0].RequiresService = true;
        var services = new ServiceField(new ServiceOwner("default", 7), new ServiceList([new AccountService(101, "Hosting Starter", "negozio.it", "Active")], true, DateTimeOffset.UnixEpoch));
        var files = new List<SlackFile> { new("F1", "maillog.txt"), new("F2", "screen.png") };
        var typed = new TicketModalValues("1", "Typed", "Typed message", "High", new SelectedOption("S101", new SlackText("plain_text", "Hosting Starter")), new Dictionary<int, string> { [12] = "negozio.it" }, ["F2"]);

        var technical = TicketModal.Build(new TicketModalPrefill("Prefill", "Prefill", files, Metadata()), options, SlackTexts.English, services, typed);
        var billing = TicketModal.Build(new TicketModalPrefill("Prefill", "Prefill", files, Metadata()), options, SlackTexts.English, services, typed with { Department = "2" });

        var ids = technical["blocks"]!.AsArray().Select(b => b!["block_id"]!.GetValue<string>()).ToList();
        Assert.Equal(["department", "subject", "message", "priority", "service", "customfield_12", "message_files", "files"], ids);
        Assert.Equal("Typed", Block(technical, "subject")["element"]!["initial_value"]!.GetValue<string>());
        Assert.Equal("Typed message", Block(technical, "message")["element"]!["initial_value"]!.GetValue<string>());
        Assert.Equal("High", Block(technical, "priority")["element"]!["initial_option"]!["value"]!.GetValue<string>());
        Assert.Equal("negozio.it", Block(technical, "customfield_12")["element"]!["initial_value"]!.GetValue<string>());
        Assert.False(Block(technical, "customfield_12")["optional"]!.GetValue<bool>());
        Assert.Null(Block(technical, "customfield_12")["hint"]);
        Assert.False(Block(technical, "service")["optional"]!.GetValue<bool>());
        Assert.Equal("S101", Block(technical, "service")["element"]!["initial_option"]!["value"]!.GetValue<string>());
        Assert.Equal(["F2"], Block(technical, "message_files")["element"]!["initial_options"]!.AsArray().Select(o => o!["value"]!.GetValue<string>()));
        Assert.Equal(2, Block(technical, "message_files")["element"]!["options"]!.AsArray().Count);

        Assert.DoesNotContain(billing["blocks"]!.AsArray(), b => b!["block_id"]!.GetValue<string>() == "customfield_12");
        Assert.True(Block(billing, "service")["optional"]!.GetValue<bool>());
        Assert.Equal("2", Block(billing, "department")["element"]!["initial_option"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void ModalValues_MessageFilesOf_TheOpenViewsBlocks_ListsEveryFileTheCheckboxesOffered()
    {
        var files = new List<SlackFile> { new("F1", "maillog.txt"), new("F2", new string('s', 90) + ".png") };
        var view = TicketModal.Build(new TicketModalPrefill("s", "m", files, Metadata()), Options(), SlackTexts.English);
        var blocks = JsonDocument.Parse(view["blocks"]!.ToJsonString()).RootElement;

        var listed = TicketModalValues.MessageFilesOf(blocks);

        Assert.Equal(["F1", "F2"], listed.Select(f => f.Id));
        Assert.Equal(TicketModal.FileLabel(files[1]), listed[1].Name);
        Assert.Empty(TicketModalValues.MessageFilesOf(null));
        Assert.Empty(TicketModalValues.MessageFilesOf(JsonDocument.Parse("""[{"block_id":"message_files","element":{"options":[null,{"value":1}]}}]""").RootElement));
    }

    [Fact]
    public void ModalValues_FromTheState_AreWhatTheUserHad()
    {
        var values = Values();
        values["customfield_12"] = new() { ["customfield_12"] = new ViewStateValue("plain_text_input", "example.it") };
        values["customfield_x"] = new() { ["customfield_x"] = new ViewStateValue("plain_text_input", "ignored") };

        var typed = TicketModalValues.From(State(values));

        Assert.Equal("example.it", typed.CustomFields[12]);
        Assert.Single(typed.CustomFields);
        Assert.Equal(FixtureView().State!.Values["subject"]["subject"].Value, typed.Subject);
        Assert.Null(TicketModalValues.From(null).Subject);
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
