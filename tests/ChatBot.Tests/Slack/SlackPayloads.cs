using System.Text.Json.Nodes;

namespace ChatBot.Tests.Slack;

/// <summary>Builds the bodies Slack would send, starting from the documented fixtures.</summary>
public static class SlackPayloads
{
    public static KeyValuePair<string, string>[] Command(string userId, string triggerId, string text = "Mail server &amp; DNS") =>
    [
        new("token", "gIkuvaNzQIHg97ATvDxqgjtO"), new("team_id", SlackHost.Team), new("team_domain", "keliweb-customer"),
        new("channel_id", SlackHost.Channel), new("channel_name", "helpdesk"), new("user_id", userId), new("user_name", "someone"),
        new("command", "/ticket"), new("text", text), new("api_app_id", "A0CHATBOT"), new("is_enterprise_install", "false"),
        new("response_url", "https://hooks.slack.com/commands/T0KELIWEB/1/abc"), new("trigger_id", triggerId),
    ];

    public static JsonObject MessageAction(string triggerId)
    {
        var payload = JsonNode.Parse(Views.TicketModalTests.Fixture("message_action.json"))!.AsObject();
        payload["trigger_id"] = triggerId;
        return payload;
    }

    /// <summary>
    /// A view_submission for the modal the bot opened (<paramref name="openedView"/> as sent to views.open): initial
    /// values become the state, as if the user changed nothing but what <paramref name="state"/> says.
    /// </summary>
    public static JsonObject Submission(string userId, string viewId, JsonObject openedView, Dictionary<string, JsonObject> state)
    {
        var values = new JsonObject();
        foreach (var block in openedView["blocks"]!.AsArray())
        {
            var id = block!["block_id"]!.GetValue<string>();
            var element = block["element"]!;
            var type = element["type"]!.GetValue<string>();
            JsonObject value = type switch
            {
                "plain_text_input" => new() { ["type"] = type, ["value"] = element["initial_value"]?.DeepClone() },
                "static_select" => new() { ["type"] = type, ["selected_option"] = element["initial_option"]?.DeepClone() },
                "checkboxes" => new() { ["type"] = type, ["selected_options"] = element["initial_options"]?.DeepClone() ?? new JsonArray() },
                _ => new() { ["type"] = type, ["files"] = new JsonArray() },
            };
            values[id] = new JsonObject { [id] = state.TryGetValue(id, out var over) ? over.DeepClone() : value };
        }

        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = SlackHost.Team, ["domain"] = "keliweb-customer" },
            ["user"] = new JsonObject { ["id"] = userId, ["username"] = "someone", ["name"] = "someone", ["team_id"] = SlackHost.Team },
            ["api_app_id"] = "A0CHATBOT",
            ["trigger_id"] = "1.2.3",
            ["view"] = new JsonObject
            {
                ["id"] = viewId,
                ["team_id"] = SlackHost.Team,
                ["type"] = "modal",
                ["callback_id"] = openedView["callback_id"]!.DeepClone(),
                ["private_metadata"] = openedView["private_metadata"]!.DeepClone(),
                ["hash"] = "1700000000.abc",
                ["state"] = new JsonObject { ["values"] = values },
            },
        };
    }

    public static JsonObject Select(string value) =>
        new() { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value }, ["value"] = value } };

    public static JsonObject Text(string value) => new() { ["type"] = "plain_text_input", ["value"] = value };
}
