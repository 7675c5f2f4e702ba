using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Slack;

/// <summary>
/// Signed, so from Slack as far as the bot can tell, but malformed: nulls where the records have none, a list indent
/// that would size an allocation. Each is a clean 400 through the real host: nothing stored, no modal opened, nothing
/// logged at Error.
/// </summary>
public sealed class SlackMalformedPayloadTests : IAsyncLifetime
{
    private SlackHost host = null!;

    public async Task InitializeAsync() => host = await SlackHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    public static TheoryData<string, string> Malformed => new()
    {
        { "block_actions", """{"actions":[null]}""" },
        { "view_submission", """{"view":{"state":{"values":{"subject":null}}}}""" },
        { "view_submission", """{"view":{"state":{"values":{"subject":{"subject":null}}}}}""" },
        { "view_submission", """{"view":{"state":{"values":{"files":{"files":{"type":"file_input","files":[null]}}}}}}""" },
        { "view_submission", """{"view":{"state":{"values":{"message_files":{"message_files":{"type":"checkboxes","selected_options":[null]}}}}}}""" },
        { "view_submission", """{"view":{"state":{"values":{"files":{"files":{"type":"file_input","files":[{"id":"F1","name":"a.pdf","size":-1}]}}}}}}""" },
        { "message_action", """{"message":{"files":[null]}}""" },
        { "message_action", RichTextList("-1") },
        { "message_action", RichTextList("1073741824") },
        { "message_action", RichTextList("\"8\"") },
        { "message_action", """{"message":{"blocks":[{"type":"rich_text","elements":[null]}]}}""" },
        { "message_action", """{"message":{"blocks":[{"type":"rich_text","elements":[{"type":"rich_text_list","style":"bullet","elements":[null]}]}]}}""" },
        { "message_action", """{"user":null}""" },
        { "block_suggestion", """{"user":null}""" },
        { "block_suggestion", """{"action_id":null}""" },
        { "block_suggestion", """{"value":["host"]}""" },
        { "department_change", """{"view":{"state":{"values":{"subject":null}}}}""" },
        { "department_change", """{"view":{"id":null}}""" },
        { "department_change", """{"actions":[{"action_id":"department","selected_option":{"value":null}}]}""" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task SignedButMalformed_IsACleanBadRequest(string kind, string change)
    {
        var payload = Payload(kind);
        Merge(payload, JsonNode.Parse(change)!.AsObject());

        var watch = Stopwatch.StartNew();
        using var response = await host.SendAsync(host.Signer.Interaction(PathFor(kind), payload.ToJsonString()));
        watch.Stop();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Slack.CallsTo("views.update"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"answered after {watch.Elapsed}");
        Assert.Empty(await host.Factory.Services.GetRequiredService<TicketOutbox>().ListAsync(10, default));
        Assert.Empty(host.Slack.CallsTo("views.open"));
        Assert.DoesNotContain(host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"type":null,"challenge":"c"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"challenge":"c"}""", HttpStatusCode.BadRequest)]
    [InlineData("""null""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"event_callback","event":null}""", HttpStatusCode.OK)]
    [InlineData("""{"type":"event_callback","event":[1]}""", HttpStatusCode.OK)]
    public async Task SignedEventEnvelopes_AreAnsweredWithoutAnError(string body, HttpStatusCode expected)
    {
        using var response = await host.SendAsync(host.Signer.Json("/slack/events", body));

        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain(host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    /// <summary>
    /// Found by the fuzz suite: the parts kept as raw JSON (an event, a message's blocks) checked their UTF-8 only when
    /// read, so invalid bytes there were a 500 (events) or a 503 with an Error (the shortcut's handler).
    /// </summary>
    [Theory]
    [InlineData("events", "\"type\":\"app_mention\"")]
    [InlineData("events", "\"text\":\"<@U0CHATBOT> ticket\"")]
    [InlineData("message_action", "\"text\":\"mail server\"")]
    [InlineData("message_action", "\"text\":\"MX record\"")]
    public async Task SignedJsonWithInvalidUtf8InARawPart_IsACleanBadRequest(string kind, string anchor)
    {
        var since = host.Logs.Lines.Count;
        var json = kind == "events"
            ? """{"type":"event_callback","team_id":"T0KELIWEB","event_id":"Ev1","event":{"type":"app_mention","user":"U0REQUEST1","text":"<@U0CHATBOT> ticket","channel":"C0SUPPORT"}}"""
            : Payload(kind).ToJsonString();
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var at = json.IndexOf(anchor, StringComparison.Ordinal) + anchor.Length - 2; // inside the value, before its last letter
        Assert.True(at > anchor.Length, $"{anchor} is not in the payload");
        byte[] broken = [.. bytes[..at], 0xC3, .. bytes[at..]]; // a lead byte followed by an ASCII letter: not UTF-8

        using var request = kind == "events"
            ? host.Signer.Sign("/slack/events", broken, "application/json")
            : host.Signer.Sign("/slack/interactivity", System.Text.Encoding.ASCII.GetBytes("payload=" + SlackRequestSigner.PercentEncode(broken)), "application/x-www-form-urlencoded");
        using var response = await host.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Slack.CallsTo("views.open"));
        Assert.DoesNotContain(host.Logs.Lines.Skip(since), l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmissionWithoutState_GetsFieldErrors_NotAnError()
    {
        var payload = Payload("view_submission");
        payload["view"]!["state"] = null;

        using var response = await host.SendAsync(host.Signer.Interaction("/slack/interactivity", payload.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
        Assert.NotNull(answer["errors"]!["subject"]);
    }

    [Fact]
    public async Task WellFormedPayloadsOfEachKind_StillPass()
    {
        foreach (var kind in new[] { "block_actions", "view_submission", "message_action", "block_suggestion", "department_change" })
        {
            using var response = await host.SendAsync(host.Signer.Interaction(PathFor(kind), Payload(kind).ToJsonString()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static string RichTextList(string indent) =>
        """{"message":{"blocks":[{"type":"rich_text","elements":[{"type":"rich_text_list","style":"bullet","indent":INDENT,"elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"MX"}]}]}]}]}}"""
            .Replace("INDENT", indent, StringComparison.Ordinal);

    private static string PathFor(string kind) => kind == "block_suggestion" ? "/slack/options" : "/slack/interactivity";

    private JsonObject Payload(string kind) => kind switch
    {
        "message_action" => SlackPayloads.MessageAction(host.Slack.IssueTrigger()),
        "block_suggestion" => SlackPayloads.Suggestion(SlackHost.EnglishUser, "host"),
        "department_change" => SlackPayloads.DepartmentChange(SlackHost.EnglishUser, "V0UNKNOWN", "1700000000.1", OpenedView(), "1", []),
        "view_submission" => JsonNode.Parse(Views.TicketModalTests.Fixture("view_submission.json"))!.AsObject(),
        _ => new JsonObject
        {
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = SlackHost.Team },
            ["user"] = new JsonObject { ["id"] = SlackHost.EnglishUser, ["team_id"] = SlackHost.Team },
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = "unrelated", ["value"] = "x" }),
        },
    };

    /// <summary>A modal as /ticket opens it, without a round trip: the department change needs its blocks and metadata.</summary>
    private static JsonObject OpenedView() => ChatBot.Slack.Views.TicketModal.Build(
        new(null, null, [], new("command", SlackHost.Channel, SlackHost.EnglishUser, "n0nce")), Views.TicketModalTests.Options(), ChatBot.Slack.Localization.SlackTexts.English);

    /// <summary>Deep merge: objects merge member by member, anything else replaces.</summary>
    private static void Merge(JsonObject target, JsonObject change)
    {
        foreach (var (name, value) in change.ToList())
        {
            if (value is JsonObject inner && target[name] is JsonObject existing)
            {
                Merge(existing, inner);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }
}
