using System.Text.Json.Nodes;
using ChatBot.Slack.Sync;

namespace ChatBot.Slack.WebApi;

// The Web API methods of the ticket sync: updating the announcement, reacting to a reply, reading a thread back; each
// with the token of the workspace it acts for.
public sealed partial class SlackApiClient
{
    public Task<SlackApiResult<SlackApiResponse>> UpdateMessageAsync(SlackWorkspace workspace, JsonObject message, CancellationToken ct) =>
        PostJsonAsync(workspace, "chat.update", message, Payloads.SlackJsonContext.Default.SlackApiResponse, ct);

    public Task<SlackApiResult<SlackApiResponse>> AddReactionAsync(SlackWorkspace workspace, string channel, string ts, string name, CancellationToken ct) =>
        PostJsonAsync(workspace, "reactions.add", new JsonObject { ["channel"] = channel, ["timestamp"] = ts, ["name"] = name }, Payloads.SlackJsonContext.Default.SlackApiResponse, ct);

    /// <summary>A thread's messages with their metadata (read methods take forms, not JSON).</summary>
    public Task<SlackApiResult<ConversationMessagesResponse>> GetRepliesAsync(SlackWorkspace workspace, string channel, string threadTs, string? cursor, CancellationToken ct) =>
        PostFormAsync(
            workspace,
            "conversations.replies",
            [new("channel", channel), new("ts", threadTs), new("include_all_metadata", "true"), new("limit", "200"), new("cursor", cursor ?? "")],
            SlackSyncJsonContext.Default.ConversationMessagesResponse,
            ct);

    /// <summary>A conversation's latest messages with their metadata, newer than <paramref name="oldest"/>.</summary>
    public Task<SlackApiResult<ConversationMessagesResponse>> GetHistoryAsync(SlackWorkspace workspace, string channel, string oldest, string? cursor, CancellationToken ct) =>
        PostFormAsync(
            workspace,
            "conversations.history",
            [new("channel", channel), new("oldest", oldest), new("include_all_metadata", "true"), new("limit", "200"), new("cursor", cursor ?? "")],
            SlackSyncJsonContext.Default.ConversationMessagesResponse,
            ct);
}
