using System.Collections.Concurrent;

namespace ChatBot.Teams.Graph;

/// <summary>
/// Reads a message through Graph once for all of its files: the answer (the message, or a 403 or 404) is kept for
/// <see cref="CacheFor"/>, so a ticket with several files of one message asks Graph once. A busy Graph or a missing
/// token is not kept: the next file tries again.
/// </summary>
public sealed class GraphMessageReader(GraphClient graph, TimeProvider time)
{
    internal static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(2);

    private const int Capacity = 200;

    private readonly ConcurrentDictionary<string, (GraphCall<GraphChatMessage> Call, DateTimeOffset Until)> cache = new(StringComparer.Ordinal);

    public async Task<GraphCall<GraphChatMessage>> ReadAsync(GraphMessageLocation message, CancellationToken cancellationToken)
    {
        var key = message.TenantId + "|" + message.Path;
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out var hit) && now < hit.Until)
        {
            return hit.Call;
        }

        var call = await graph.GetMessageAsync(message.TenantId, message, cancellationToken);
        if (call.Succeeded || call.Failure!.Kind is GraphFailureKind.Forbidden or GraphFailureKind.Gone)
        {
            if (cache.Count >= Capacity)
            {
                cache.Clear();
            }

            cache[key] = (call, now + CacheFor);
        }

        return call;
    }
}
