using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Tests.StandIns;

// The Web API methods of the ticket sync (issue 13), as strict as Slack: chat.update only on a message the bot posted
// (message_not_found otherwise), reactions.add once per message and name (already_reacted), conversations.replies and
// conversations.history with metadata only when include_all_metadata=true, in pages of `limit` with a cursor.
public sealed partial class SlackApiStandIn
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, StandInMessage>> messages = new();
    private readonly ConcurrentDictionary<string, bool> reactions = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> held = new();
    private int postThenFail;

    /// <summary>
    /// From now on, <paramref name="method"/> is carried out (a post is in the conversation) and then not answered until
    /// <see cref="ReleaseAnswers"/> or until the caller goes away: the moment a process can die with Slack done and the
    /// bot not told.
    /// </summary>
    public void HoldAnswers(string method) => held[method] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers what is held and stops holding.</summary>
    public void ReleaseAnswers()
    {
        foreach (var method in held.Keys)
        {
            if (held.TryRemove(method, out var gate))
            {
                gate.TrySetResult();
            }
        }
    }

    private async Task HoldAsync(string method, CancellationToken aborted)
    {
        if (held.TryGetValue(method, out var gate))
        {
            await gate.Task.WaitAsync(aborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// The next <paramref name="times"/> chat.postMessage calls post the message, then answer 500: what a crash between
    /// Slack taking a post and the bot hearing of it looks like from the bot.
    /// </summary>
    public void PostThenFail(int times = 1) => Interlocked.Exchange(ref postThenFail, times);

    private bool TakePostThenFail()
    {
        while (true)
        {
            var left = Volatile.Read(ref postThenFail);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref postThenFail, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    /// <summary>The messages posted (and updated) in a conversation, by the bot or put there with <see cref="AddUserMessage"/>, oldest first.</summary>
    public IReadOnlyList<StandInMessage> MessagesIn(string channel) =>
        messages.TryGetValue(channel, out var posted) ? [.. posted.Values.OrderBy(m => m.Ts, StringComparer.Ordinal)] : [];

    /// <summary>A person's message in a conversation (what a message event then announces), so reactions and threads find it.</summary>
    public string AddUserMessage(string channel, string user, string text, string? threadTs = null)
    {
        var ts = $"1700000000.{Interlocked.Increment(ref counter):D6}";
        messages.GetOrAdd(channel, _ => new())[ts] = new StandInMessage(channel, ts, threadTs, new JsonObject { ["text"] = text, ["user"] = user }, BotPosted: false);
        return ts;
    }

    private void Remember(string channel, string ts, JsonObject message) =>
        messages.GetOrAdd(channel, _ => new())[ts] = new StandInMessage(channel, ts, message["thread_ts"]?.GetValue<string>(), (JsonObject)message.DeepClone(), BotPosted: true);

    private IResult? ThreadMethod(string method, SlackApiCall call) => method switch
    {
        "chat.update" => Update(call),
        "reactions.add" => React(call),
        "conversations.replies" => Read(call, thread: true),
        "conversations.history" => Read(call, thread: false),
        _ => null,
    };

    private IResult Update(SlackApiCall call)
    {
        var json = call.Json();
        var channel = json["channel"]?.GetValue<string>() ?? "";
        var ts = json["ts"]?.GetValue<string>() ?? "";
        if (!messages.TryGetValue(channel, out var posted) || !posted.TryGetValue(ts, out var message))
        {
            return Error(channel.Length == 0 ? "channel_not_found" : "message_not_found");
        }

        if (!message.BotPosted)
        {
            return Error("cant_update_message");
        }

        if (ContentProblem(json) is { } problem)
        {
            return Error(problem);
        }

        json.Remove("ts");
        posted[ts] = message with { Message = json, Updates = message.Updates + 1 };
        return Results.Json(new { ok = true, channel, ts });
    }

    private IResult React(SlackApiCall call)
    {
        var json = call.Json();
        var channel = json["channel"]?.GetValue<string>() ?? "";
        var ts = json["timestamp"]?.GetValue<string>() ?? "";
        var name = json["name"]?.GetValue<string>() ?? "";
        if (!messages.TryGetValue(channel, out var posted) || !posted.ContainsKey(ts))
        {
            return Error("message_not_found");
        }

        return name.Length == 0 ? Error("invalid_name") : reactions.TryAdd($"{channel}/{ts}/{name}", true) ? Results.Json(new { ok = true }) : Error("already_reacted");
    }

    private IResult Read(SlackApiCall call, bool thread)
    {
        var channel = call.Field("channel") ?? "";
        if (!messages.TryGetValue(channel, out var posted))
        {
            return channel.StartsWith('D') ? Page([], call) : Error("channel_not_found");
        }

        var all = posted.Values.OrderBy(m => m.Ts, StringComparer.Ordinal).ToList();
        if (thread)
        {
            var root = call.Field("ts") ?? "";
            if (!posted.ContainsKey(root))
            {
                return Error("thread_not_found");
            }

            return Page([.. all.Where(m => m.Ts == root || m.ThreadTs == root)], call);
        }

        var oldest = call.Field("oldest") is { Length: > 0 } o ? o : "0";
        // History: the conversation's top level, newest first.
        return Page([.. all.Where(m => m.ThreadTs is null && string.CompareOrdinal(m.Ts, oldest) > 0).OrderByDescending(m => m.Ts, StringComparer.Ordinal)], call);
    }

    private static IResult Page(List<StandInMessage> found, SlackApiCall call)
    {
        var limit = int.TryParse(call.Field("limit"), out var l) && l > 0 ? Math.Min(l, 1000) : 100;
        var offset = int.TryParse(call.Field("cursor"), out var c) ? c : 0;
        var withMetadata = call.Field("include_all_metadata") == "true";
        var page = found.Skip(offset).Take(limit).Select(m =>
        {
            var item = new JsonObject { ["type"] = "message", ["ts"] = m.Ts, ["text"] = m.Message["text"]?.DeepClone() };
            if (m.ThreadTs is not null)
            {
                item["thread_ts"] = m.ThreadTs;
            }

            if (m.BotPosted)
            {
                item["bot_id"] = "B0CHATBOT";
            }

            if (withMetadata && m.Message["metadata"] is { } metadata)
            {
                item["metadata"] = metadata.DeepClone();
            }

            return (JsonNode)item;
        });
        var more = offset + limit < found.Count;
        var answer = new JsonObject
        {
            ["ok"] = true,
            ["messages"] = new JsonArray([.. page]),
            ["has_more"] = more,
            ["response_metadata"] = new JsonObject { ["next_cursor"] = more ? (offset + limit).ToString(System.Globalization.CultureInfo.InvariantCulture) : "" },
        };
        return Results.Content(answer.ToJsonString(), "application/json");
    }
}

/// <summary>A message in the stand-in's conversations: as last posted or updated, and how often it was updated.</summary>
public sealed record StandInMessage(string Channel, string Ts, string? ThreadTs, JsonObject Message, bool BotPosted, int Updates = 0);
