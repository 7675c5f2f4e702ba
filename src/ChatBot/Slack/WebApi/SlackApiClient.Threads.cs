using System.Text.Json.Nodes;
using ChatBot.Slack.Sync;

namespace ChatBot.Slack.WebApi;

// The Web API methods of the ticket sync: updating the announcement, reacting to a reply, reading a thread back.
public sealed partial class SlackApiClient
{
    public Task<SlackApiResult<SlackApiResponse>> UpdateMessageAsync(JsonObject message, CancellationToken ct) =>
        PostJsonAsync("chat.update", message, Payloads.SlackJsonContext.Default.SlackApiResponse, ct);

    public Task<SlackApiResult<SlackApiResponse>> AddReactionAsync(string channel, string ts, string name, CancellationToken ct) =>
        PostJsonAsync("reactions.add", new JsonObject { ["channel"] = channel, ["timestamp"] = ts, ["name"] = name }, Payloads.SlackJsonContext.Default.SlackApiResponse, ct);

    /// <summary>A thread's messages with their metadata (read methods take forms, not JSON).</summary>
    public Task<SlackApiResult<ConversationMessagesResponse>> GetRepliesAsync(string channel, string threadTs, string? cursor, CancellationToken ct) =>
        PostFormAsync(
            "conversations.replies",
            [new("channel", channel), new("ts", threadTs), new("include_all_metadata", "true"), new("limit", "200"), new("cursor", cursor ?? "")],
            SlackSyncJsonContext.Default.ConversationMessagesResponse,
            ct);

    /// <summary>A conversation's latest messages with their metadata, newer than <paramref name="oldest"/>.</summary>
    public Task<SlackApiResult<ConversationMessagesResponse>> GetHistoryAsync(string channel, string oldest, string? cursor, CancellationToken ct) =>
        PostFormAsync(
            "conversations.history",
            [new("channel", channel), new("oldest", oldest), new("include_all_metadata", "true"), new("limit", "200"), new("cursor", cursor ?? "")],
            SlackSyncJsonContext.Default.ConversationMessagesResponse,
            ct);
}
