using System.Text.Json.Nodes;

namespace ChatBot.Tests.Teams;

/// <summary>Loads an activity from Fixtures/Teams, replacing its <c>{{placeholders}}</c>.</summary>
internal static class TeamsFixtures
{
    public static JsonObject Load(string name, IReadOnlyDictionary<string, string> values)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Teams", name));
        foreach (var (key, value) in values)
        {
            // Values go into JSON strings: escape what JSON needs.
            text = text.Replace("{{" + key + "}}", System.Text.Json.JsonEncodedText.Encode(value).ToString(), StringComparison.Ordinal);
        }

        return JsonNode.Parse(text)!.AsObject();
    }
}

/// <summary>A user in a conversation, with fresh ids per test so tests sharing a host never see each other's calls.</summary>
public sealed record TeamsConversation(string ServiceUrl, string ConversationId, string Locale = "en-US")
{
    public const string DefaultTenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public string TenantId { get; init; } = DefaultTenantId;
    public string AadObjectId { get; init; } = Guid.NewGuid().ToString();
    public string UserId { get; init; } = "29:1" + Guid.NewGuid().ToString("N");
    public string BotId { get; init; } = "28:" + StandIns.BotFrameworkTokenSigner.AppId;

    public static TeamsConversation Personal(string serviceUrl, string locale = "en-US") =>
        new(serviceUrl, "a:1" + Guid.NewGuid().ToString("N"), locale);

    /// <summary>A team's General channel: its id is the team's id too, as Teams makes it.</summary>
    public static TeamsConversation Team(string serviceUrl, string locale = "en-US") =>
        new(serviceUrl, "19:" + Guid.NewGuid().ToString("N") + "@thread.tacv2", locale);

    public static TeamsConversation ChannelThread(string serviceUrl, string locale = "en-US") =>
        new(serviceUrl, "19:c8a1e2f0b4d94c0e8f3e1d2c3b4a5f60@thread.tacv2;messageid=" + Random.Shared.NextInt64(1_700_000_000_000, 1_800_000_000_000), locale);

    public JsonObject Activity(string fixture, string? activityId = null, string? replyToId = null, string? downloadUrl = null) =>
        TeamsFixtures.Load(fixture, new Dictionary<string, string>
        {
            ["serviceUrl"] = ServiceUrl,
            ["conversationId"] = ConversationId,
            ["aadObjectId"] = AadObjectId,
            ["userId"] = UserId,
            ["activityId"] = activityId ?? Guid.NewGuid().ToString("N"),
            ["replyToId"] = replyToId ?? "",
            ["downloadUrl"] = downloadUrl ?? "",
            ["locale"] = Locale,
            ["tenantId"] = TenantId,
            ["botId"] = BotId,
        });
}
