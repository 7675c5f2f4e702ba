using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Authentication;

/// <summary>
/// Where the connector token may go: serviceUrls that arrived in validated tokens (bounded, in memory; a ReplyTo
/// document marked vouched carries its own across restarts) and the hosts in <c>Teams:ServiceUrlHosts</c>. An
/// activity's serviceUrl is attacker-controlled until its token says otherwise, and an unauthenticated emulator's
/// never becomes trusted.
/// </summary>
public sealed class TrustedServiceUrls(IOptions<TeamsOptions> options)
{
    internal const int Capacity = 1000;

    private readonly ConcurrentDictionary<string, byte> validated = new(StringComparer.OrdinalIgnoreCase);

    public void Remember(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url) || !LoopbackUrl.IsAllowed(url))
        {
            return;
        }

        if (validated.Count >= Capacity)
        {
            validated.Clear(); // crude but bounded; trust comes back with the next validated activity or ReplyTo
        }

        validated.TryAdd(Key(url), 0);
    }

    /// <summary>True when <paramref name="url"/> points at a connector the token may be sent to.</summary>
    public bool IsTrusted(Uri url)
    {
        if (!LoopbackUrl.IsAllowed(url))
        {
            return false;
        }

        if (validated.ContainsKey(Key(url)))
        {
            return true;
        }

        return url.Scheme == Uri.UriSchemeHttps
            && options.Value.ServiceUrlHosts.Any(h => string.Equals(h, url.IdnHost, StringComparison.OrdinalIgnoreCase));
    }

    // Scheme, host and port: another port on the same host is another server.
    private static string Key(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
