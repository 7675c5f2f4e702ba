using System.Net;
using System.Text.Json.Nodes;

namespace ChatBot.Tests.Teams.Endpoint;

/// <summary>
/// Issue 10, defect 6: a signed activity can still be malformed. What the records allow to be null (array elements,
/// optional members) is skipped; what they do not (a null or mistyped required member, an unreadable file attachment)
/// is a 400 (for <c>adaptiveCard/action</c>, with the invoke's error body once the activity could be read; text that is
/// not text, invalid UTF-8 or an unpaired surrogate, is refused before that). Never a 5xx, never a stored submission,
/// never an exception in the background work.
/// </summary>
public sealed class TeamsMalformedPayloadTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private const string Execute = "invoke-adaptivecard-action.json";
    private const string FetchTask = "invoke-fetchtask-message-channel.json";
    private const string SubmitAction = "invoke-submitaction-message-channel.json";
    private const string CardSubmit = "message-card-submit.json";
    private const string TicketWithFile = "message-ticket-personal-with-file.json";

    /// <summary>Stands for the JSON escape <c>\ud800</c> (a high surrogate with no low one), which JsonNode would not write.</summary>
    private const string LoneSurrogate = "@@lone-surrogate@@";

    private static readonly Dictionary<string, (string Fixture, Action<JsonObject> Mutate)> Invalid = new()
    {
        ["type null"] = (SubmitAction, a => a["type"] = null),
        ["type missing"] = (SubmitAction, a => a.Remove("type")),
        ["serviceUrl missing"] = (SubmitAction, a => a.Remove("serviceUrl")),
        ["channelId missing"] = (FetchTask, a => a.Remove("channelId")),
        ["serviceUrl null"] = (SubmitAction, a => a["serviceUrl"] = null),
        ["channelId null"] = (SubmitAction, a => a["channelId"] = null),
        ["from a string"] = (SubmitAction, a => a["from"] = "29:someone"),
        ["from.aadObjectId a number"] = (SubmitAction, a => a["from"]!["aadObjectId"] = 42),
        ["conversation.id null"] = (SubmitAction, a => a["conversation"]!["id"] = null),
        ["conversation without id"] = (SubmitAction, a => a["conversation"]!.AsObject().Remove("id")),
        ["channelData.tenant.id a number"] = (SubmitAction, a => a["channelData"]!["tenant"]!["id"] = 7),
        ["attachments an object"] = (CardSubmit, a => a["attachments"] = new JsonObject()),
        ["locale an array"] = (SubmitAction, a => a["locale"] = new JsonArray()),
        ["messagePayload.attachments an object"] = (SubmitAction, a => a["value"]!["messagePayload"]!["attachments"] = new JsonObject()),
        ["messagePayload.body a string"] = (FetchTask, a => a["value"]!["messagePayload"]!["body"] = "<p>hi</p>"),
        ["action a string"] = (Execute, a => a["value"]!["action"] = "Action.Execute"),
        ["action.verb a number"] = (Execute, a => a["value"]!["action"]!["verb"] = 1),
        ["download info without downloadUrl"] = (CardSubmit, a => a["attachments"] = FileAttachment(new JsonObject { ["uniqueId"] = "1" })),
        ["download info downloadUrl a number"] = (CardSubmit, a => a["attachments"] = FileAttachment(new JsonObject { ["downloadUrl"] = 5 })),
        ["download info content a string"] = (CardSubmit, a => a["attachments"] = FileAttachment("https://contoso.sharepoint.com/x")),
        ["download info on execute"] = (Execute, a => a["attachments"] = FileAttachment(new JsonObject { ["downloadUrl"] = null })),
        ["download info on ticket"] = (TicketWithFile, a => a["attachments"]![0]!["content"]!["downloadUrl"] = null),
        ["value nested 100 deep"] = (SubmitAction, a => a["value"]!["data"]!["message"] = Nested(100)),
        ["unpaired surrogate in card data"] = (CardSubmit, a => a["value"]!["subject"] = "x" + LoneSurrogate + "y"),
        ["unpaired surrogate in invoke data"] = (SubmitAction, a => a["value"]!["data"]!["subject"] = LoneSurrogate),
        ["unpaired surrogate in a property name"] = (SubmitAction, a => a["value"]!["data"]![LoneSurrogate] = "x"),
        // Found by the fuzz suite: ids go into the connector's URLs, and one this long made every answer a 414 (Unannounced).
        ["conversation.id of 40,000 characters"] = (CardSubmit, a => a["conversation"]!["id"] = new string('a', 40_000)),
        ["replyToId (the card) of 10,000 characters"] = (CardSubmit, a => a["replyToId"] = "1:" + new string('b', 10_000)),
        ["channelData.channel.id of 5,000 characters"] = (SubmitAction, a => a["channelData"]!["channel"]!["id"] = "19:" + new string('c', 5_000)),
        ["messagePayload.id of 5,000 characters"] = (SubmitAction, a => a["value"]!["messagePayload"]!["id"] = new string('1', 5_000)),
        // ... and one with a NUL made the connector answer 400, the same way.
        ["conversation.id with a NUL"] = (CardSubmit, a => a["conversation"]!["id"] = "a:1\u0000x"),
        ["replyToId with a line break"] = (CardSubmit, a => a["replyToId"] = "1:abc\r\nX-Injected: 1"),
    };

    private static readonly Dictionary<string, (string Fixture, Action<JsonObject> Mutate)> Tolerated = new()
    {
        ["attachments [null] on a card submit"] = (CardSubmit, a => a["attachments"] = new JsonArray(null, null)),
        ["attachments [null] on execute"] = (Execute, a => a["attachments"] = new JsonArray((JsonNode?)null)),
        ["messagePayload.attachments [null] on fetchTask"] = (FetchTask, a => a["value"]!["messagePayload"]!["attachments"] = new JsonArray((JsonNode?)null)),
        ["messagePayload.attachments [null] on submitAction"] = (SubmitAction, a => a["value"]!["messagePayload"]!["attachments"] = new JsonArray((JsonNode?)null)),
        ["reference with a broken contentUrl on fetchTask"] = (FetchTask, a => a["value"]!["messagePayload"]!["attachments"]![0]!["contentUrl"] = "http://[bad"),
        ["reference with a broken contentUrl on a card submit"] = (CardSubmit, a => a["attachments"] = Reference("http://[bad")),
        ["mentions and entities [null]"] = (FetchTask, a => a["entities"] = new JsonArray((JsonNode?)null)),
        ["messagePayload null"] = (FetchTask, a => a["value"]!["messagePayload"] = null),
        ["from.name missing"] = (SubmitAction, a => a["from"]!.AsObject().Remove("name")),
        ["recipient missing"] = (SubmitAction, a => a.Remove("recipient")),
    };

    private TeamsTestHost Host => fixture.Host;

    public static TheoryData<string> InvalidCases => [.. Invalid.Keys];

    public static TheoryData<string> ToleratedCases => [.. Tolerated.Keys];

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task InvalidPayload_Gets400_AndStoresNothing(string name)
    {
        var (fixtureName, mutate) = Invalid[name];
        var activity = Activity(fixtureName);
        var serviceUrl = activity["serviceUrl"]?.GetValue<string>() ?? Host.Connector.ServiceUrl;
        mutate(activity);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString().Replace(LoneSurrogate, "\\ud800", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", Host.Signer.Sign(serviceUrl));
        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (fixtureName == Execute)
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(400, body["statusCode"]!.GetValue<int>());
            Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
            Assert.Equal("BadRequest", body["value"]!["code"]!.GetValue<string>());
        }

        await AssertNothingStoredAsync(activity);
    }

    [Theory]
    [MemberData(nameof(ToleratedCases))]
    public async Task NullElementsAndBrokenUrls_AreSkipped_AndTheRequestIsServed(string name)
    {
        var (fixtureName, mutate) = Tolerated[name];
        var activity = Activity(fixtureName);
        mutate(activity);

        using var response = await Host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (fixtureName is FetchTask)
        {
            var task = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["task"]!;
            Assert.Equal("continue", task["type"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("null element")]
    [InlineData("broken reference url")]
    public async Task TicketRequest_WithAMalformedAttachment_StillGetsTheForm_AndTheWorkerLogsNoError(string kind)
    {
        var logged = Host.Logs.Lines.Count;
        var conversation = Host.Personal();
        var activity = conversation.Activity(TicketWithFile, downloadUrl: Host.Connector.AddDownload("ok.txt", [1]));
        var attachments = activity["attachments"]!.AsArray();
        attachments.Add(kind == "null element" ? null : Reference("http://[bad")[0]!.DeepClone());

        using var response = await Host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await Host.Connector.WaitForCallAsync(c => c.ConversationId == conversation.ConversationId, what: "with the form");
        Assert.NotNull(card.Card?["actions"]);
        AssertNoTeamsErrorLogged(logged);
    }

    [Fact]
    public async Task CardSubmit_WithABrokenReferenceUrl_OpensTheTicket_AndListsTheFileAsNotAttached()
    {
        var logged = Host.Logs.Lines.Count;
        var conversation = Host.Personal();
        var subject = "Broken reference " + Guid.NewGuid().ToString("N")[..8];
        var activity = conversation.Activity(CardSubmit, replyToId: "card-" + Guid.NewGuid().ToString("N"));
        activity["value"]!["subject"] = subject;
        activity["attachments"] = Reference("http://[bad");

        using var response = await Host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = await Host.WaitForTicketAsync(subject);
        Assert.Empty(ticket.Attachments);
        var result = await Host.Connector.WaitForCallAsync(c => c.ConversationId == conversation.ConversationId && c.Text.Contains("#" + ticket.Tid, StringComparison.Ordinal), what: "with the number");
        Assert.Contains("[bad", result.Text, StringComparison.Ordinal); // named after what there is of the URL, listed as not attached
        AssertNoTeamsErrorLogged(logged);
    }

    private void AssertNoTeamsErrorLogged(int since) =>
        Assert.DoesNotContain(Host.Logs.Lines.Skip(since), l => l.StartsWith("Error ChatBot.Teams", StringComparison.Ordinal) || l.StartsWith("Critical ChatBot.Teams", StringComparison.Ordinal));

    /// <summary>
    /// Found by the fuzz suite: a token vouching for a serviceUrl that is no https URL got a card submission accepted,
    /// whose result could then never be posted (Unannounced, an Error logged, the user never told).
    /// </summary>
    [Theory]
    [InlineData("9999999999")]
    [InlineData("http://contoso.example/teams/")]
    [InlineData("ftp://127.0.0.1/teams/")]
    [InlineData("/teams/")]
    public async Task ServiceUrlThatCannotBeAnswered_Gets400_EvenWithATokenForIt_AndStoresNothing(string serviceUrl)
    {
        var since = Host.Logs.Lines.Count;
        var activity = Activity(CardSubmit);
        activity["serviceUrl"] = serviceUrl;

        using var response = await Host.PostAsync(activity, Host.Signer.Sign(serviceUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync(activity);
        Assert.DoesNotContain(Host.Logs.Lines.Skip(since), l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidUtf8_Gets400()
    {
        var activity = Activity(SubmitAction).ToJsonString().Replace("Checkout fails", "Checkout \u0001fails", StringComparison.Ordinal);
        var bytes = System.Text.Encoding.UTF8.GetBytes(activity);
        var at = Array.IndexOf(bytes, (byte)1);
        bytes[at] = 0xC3; // a lead byte followed by a letter, not a continuation byte: not UTF-8
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = new("Bearer", Host.Signer.Sign(Host.Connector.ServiceUrl));

        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["n"] = node };
        }

        return node;
    }

    private static JsonArray FileAttachment(JsonNode content) => new(new JsonObject
    {
        ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
        ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/x/Documents/a.txt",
        ["name"] = "a.txt",
        ["content"] = content,
    });

    // No name: the bot then names the file after the URL's path, which is where a broken URL used to throw.
    private static JsonArray Reference(string contentUrl) =>
        new(new JsonObject { ["contentType"] = "reference", ["contentUrl"] = contentUrl });

    private JsonObject Activity(string fixtureName) =>
        fixtureName is FetchTask or SubmitAction
            ? Host.ChannelThread().Activity(fixtureName)
            : Host.Personal().Activity(fixtureName, replyToId: "card-" + Guid.NewGuid().ToString("N"), downloadUrl: Host.Connector.AddDownload("f.txt", [1]));

    private async Task AssertNothingStoredAsync(JsonObject activity)
    {
        var id = activity["id"]?.GetValue<string>() ?? "";
        var replyTo = activity["replyToId"]?.GetValue<string>() ?? "";
        Assert.DoesNotContain(await Host.SubmissionsAsync(), s =>
            s.IdempotencyKey.Contains(id, StringComparison.Ordinal) || (replyTo.Length > 0 && s.IdempotencyKey.Contains(replyTo, StringComparison.Ordinal)));
    }
}
