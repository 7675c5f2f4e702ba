using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatBot.Keliweb;

/// <summary>
/// get-ticket's answer read into a <see cref="KeliwebTicket"/>. WHMCS's shape varies with its version and with how PHP
/// encoded an array: <c>replies</c> is <c>{"reply":[…]}</c>, <c>{"reply":{…}}</c> for a single one, or <c>[]</c> when
/// empty; numbers come as strings or numbers; files are <c>attachment</c> ("123456_a.pdf|654321_b.png") or, in newer
/// versions, <c>attachments[].filename</c>. An entry without a usable reply id is skipped, never a crash: the answer is
/// Keliweb's, not ours.
/// </summary>
internal static partial class KeliwebTicketAnswer
{
    /// <summary>A ticket's conversation rarely reaches a few dozen replies; past this many only the latest are kept.</summary>
    public const int MaxReplies = 1000;

    /// <summary>Files per reply that are named; WHMCS itself takes a handful per upload.</summary>
    public const int MaxAttachments = 50;

    public static KeliwebTicket? Read(KeliwebResponseBody body)
    {
        if ((body.Int("ticketid") ?? body.Int("id")) is not { } id || (body.String("tid") ?? body.String("ticketnum")) is not { } number)
        {
            return null;
        }

        return new KeliwebTicket(id, number, body.String("c"), body.String("subject"), body.String("status"), body.Int("deptid"))
        {
            Date = body.String("date"),
            LastReply = body.String("lastreply"),
            Replies = Replies(body.Root),
        };
    }

    private static List<KeliwebTicketReply> Replies(JsonElement root)
    {
        var replies = new List<KeliwebTicketReply>();
        if (!root.TryGetProperty("replies", out var container) || container.ValueKind != JsonValueKind.Object
            || !container.TryGetProperty("reply", out var list))
        {
            return replies;
        }

        IEnumerable<JsonElement> entries = list.ValueKind switch
        {
            JsonValueKind.Array => list.EnumerateArray(),
            JsonValueKind.Object => [list],
            _ => [],
        };
        foreach (var entry in entries)
        {
            if (entry.ValueKind == JsonValueKind.Object && ReadReply(new KeliwebResponseBody(entry)) is { } reply)
            {
                replies.Add(reply);
            }
        }

        // Oldest first whatever repliessort the server defaults to; reply ids grow with time (one table, one sequence).
        replies.Sort((a, b) => a.ReplyId.CompareTo(b.ReplyId));
        return replies.Count > MaxReplies ? replies[^MaxReplies..] : replies;
    }

    private static KeliwebTicketReply? ReadReply(KeliwebResponseBody entry)
    {
        if (!long.TryParse(entry.String("replyid"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var replyId))
        {
            return null;
        }

        return new KeliwebTicketReply(
            replyId,
            (entry.String("admin") ?? "").Trim(),
            (entry.String("name") ?? "").Trim(),
            entry.String("message") ?? "",
            Attachments(entry),
            entry.String("date"));
    }

    private static List<string> Attachments(KeliwebResponseBody entry)
    {
        var names = new List<string>();
        if (entry.Root.TryGetProperty("attachments", out var files) && files.ValueKind == JsonValueKind.Array)
        {
            foreach (var file in files.EnumerateArray())
            {
                if (file.ValueKind == JsonValueKind.Object && new KeliwebResponseBody(file).String("filename") is { Length: > 0 } name && names.Count < MaxAttachments)
                {
                    names.Add(name);
                }
            }

            if (names.Count > 0)
            {
                return names;
            }
        }

        foreach (var stored in (entry.String("attachment") ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (names.Count < MaxAttachments)
            {
                names.Add(StoragePrefix().Replace(stored, ""));
            }
        }

        return names;
    }

    // WHMCS stores "123456_name.pdf" and shows "name.pdf".
    [GeneratedRegex("^[0-9]{6}_")]
    private static partial Regex StoragePrefix();
}
