using System.Collections.Concurrent;
using ChatBot.Slack.Handlers;

namespace ChatBot.Slack.SocketMode;

/// <summary>
/// The envelopes seen lately, by <c>envelope_id</c>, across all connections: Slack re-delivers an envelope it had no ack
/// for (on any connection, with <c>retry_attempt</c>), and the re-delivery gets the first one's answer instead of a
/// second run of its handler. A refused envelope is forgotten, so its retry runs again. Bounded in time and in count.
/// </summary>
public sealed class EnvelopeLedger(TimeProvider time)
{
    /// <summary>Past Slack's last Events API retry (about 5 minutes after the first delivery).</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(10);

    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>
    /// The answer for <paramref name="envelopeId"/>: <paramref name="handle"/>'s, run once for every delivery of it while
    /// it is remembered. <paramref name="duplicate"/> says whether an earlier delivery already ran it.
    /// </summary>
    public Task<SlackAck> AnswerAsync(string envelopeId, Func<Task<SlackAck>> handle, out bool duplicate)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var now = time.GetUtcNow();
        if (entries.TryGetValue(envelopeId, out var known) && now - known.Seen < Memory)
        {
            duplicate = true;
            return known.Answer.Value;
        }

        Forget(now);
        var entry = new Entry(now, new Lazy<Task<SlackAck>>(() => RunAsync(envelopeId, handle)));
        var winner = entries.AddOrUpdate(envelopeId, entry, (_, old) => now - old.Seen < Memory ? old : entry);
        duplicate = !ReferenceEquals(winner, entry);
        return winner.Answer.Value;
    }

    public int Count => entries.Count;

    private async Task<SlackAck> RunAsync(string envelopeId, Func<Task<SlackAck>> handle)
    {
        try
        {
            var ack = await handle();
            if (ack.IsRefused)
            {
                entries.TryRemove(envelopeId, out _);
            }

            return ack;
        }
        catch
        {
            entries.TryRemove(envelopeId, out _);
            throw;
        }
    }

    /// <summary>Drops what is past <see cref="Memory"/>, and the oldest when still too many (a flood of ids).</summary>
    private void Forget(DateTimeOffset now)
    {
        if (entries.Count < MaxEntries)
        {
            return;
        }

        foreach (var (id, entry) in entries)
        {
            if (now - entry.Seen >= Memory)
            {
                entries.TryRemove(id, out _);
            }
        }

        if (entries.Count >= MaxEntries)
        {
            foreach (var (id, _) in entries.OrderBy(e => e.Value.Seen).Take(entries.Count - (MaxEntries / 2)))
            {
                entries.TryRemove(id, out _);
            }
        }
    }

    private sealed record Entry(DateTimeOffset Seen, Lazy<Task<SlackAck>> Answer);
}
