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
    /// values become the state, as if the user changed nothing but what <paramref name="state"/> says (which may name
    /// inputs a views.update added since, such as the chosen department's fields).
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
                "static_select" or "external_select" => new() { ["type"] = type, ["selected_option"] = element["initial_option"]?.DeepClone() },
                "checkboxes" => new() { ["type"] = type, ["selected_options"] = element["initial_options"]?.DeepClone() ?? new JsonArray() },
                _ => new() { ["type"] = type, ["files"] = new JsonArray() },
            };
            values[id] = new JsonObject { [id] = state.TryGetValue(id, out var over) ? over.DeepClone() : value };
        }

        // Inputs the opened view did not have yet: those views.update added (a department's fields).
        foreach (var (id, value) in state.Where(s => !values.ContainsKey(s.Key)))
        {
            values[id] = new JsonObject { [id] = value.DeepClone() };
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

    /// <summary>An external select's choice as the state carries it (the option Slack got from the options load URL).</summary>
    public static JsonObject External(string value, string text = "chosen") =>
        new() { ["type"] = "external_select", ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text }, ["value"] = value } };

    /// <summary>A block_suggestion from <paramref name="userId"/> typing <paramref name="typed"/> into the modal's <paramref name="actionId"/>.</summary>
    public static JsonObject Suggestion(string userId, string typed, string actionId = "service") => new()
    {
        ["type"] = "block_suggestion",
        ["user"] = new JsonObject { ["id"] = userId, ["username"] = "someone", ["name"] = "someone", ["team_id"] = SlackHost.Team },
        ["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V0SUGGEST" },
        ["api_app_id"] = "A0CHATBOT",
        ["token"] = "gIkuvaNzQIHg97ATvDxqgjtO",
        ["action_id"] = actionId,
        ["block_id"] = actionId,
        ["value"] = typed,
        ["team"] = new JsonObject { ["id"] = SlackHost.Team, ["domain"] = "keliweb-customer" },
        ["view"] = new JsonObject { ["id"] = "V0SUGGEST", ["type"] = "modal", ["callback_id"] = "open_ticket" },
    };

    /// <summary>
    /// The block_actions Slack sends when the department select (dispatch_action) of the open modal changes: the
    /// view as it is now (id, hash, metadata, blocks, and the typed values as its state) and the new choice.
    /// </summary>
    public static JsonObject DepartmentChange(string userId, string viewId, string hash, JsonObject openedView, string department, Dictionary<string, JsonObject> typed)
    {
        var submission = Submission(userId, viewId, openedView, typed);
        var view = submission["view"]!.AsObject();
        view["hash"] = hash;
        view["blocks"] = openedView["blocks"]!.DeepClone();
        return new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = submission["user"]!.DeepClone(),
            ["team"] = submission["team"]!.DeepClone(),
            ["api_app_id"] = "A0CHATBOT",
            ["trigger_id"] = "1.2.4",
            ["container"] = new JsonObject { ["type"] = "view", ["view_id"] = viewId },
            ["view"] = view.DeepClone(),
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "static_select",
                ["action_id"] = "department",
                ["block_id"] = "department",
                ["selected_option"] = Select(department)["selected_option"]!.DeepClone(),
                ["action_ts"] = "1700000000.000100",
            }),
        };
    }
}
