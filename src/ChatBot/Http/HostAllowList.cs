using System.Net;

namespace ChatBot.Http;

/// <summary>
/// The hosts a token may be sent to (or a download may be fetched from), as an operator writes them: <c>files.slack.com</c>,
/// <c>*.sharepoint.com</c>, <c>127.0.0.1:5123</c>. A URL is admitted only when its scheme, host and port all match:
/// https always; plain http only for a loopback host that an entry names, since tests and emulators run on this machine
/// and nothing else may see a token in clear. An entry without a port admits only the scheme's default port, so a
/// listed host cannot smuggle a token to another server on the same machine.
/// </summary>
public sealed class HostAllowList
{
    private readonly IReadOnlyList<Entry> _entries;

    private HostAllowList(IReadOnlyList<Entry> entries) => _entries = entries;

    /// <summary>The entries as configured, for the start-up report.</summary>
    public IReadOnlyList<string> Entries => [.. _entries.Select(e => e.Text)];

    /// <summary>Parses the configured entries; throws <see cref="FormatException"/> naming the first one that is not a host.</summary>
    public static HostAllowList Parse(IEnumerable<string> entries)
    {
        var parsed = new List<Entry>();
        foreach (var text in entries)
        {
            parsed.Add(Entry.Parse(text) ?? throw new FormatException($"'{text}' is not a host name, '*.' suffix or host:port."));
        }

        return new HostAllowList(parsed);
    }

    /// <summary>Null when every entry is a host, else why the first bad one is not (for options validation).</summary>
    public static string? Problem(IEnumerable<string> entries) =>
        entries.FirstOrDefault(e => Entry.Parse(e) is null) is { } bad ? $"'{bad}' is not a host name, '*.' suffix or host:port" : null;

    public bool Admits(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return false;
        }

        var https = url.Scheme == Uri.UriSchemeHttps;
        if (!https && !(url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)))
        {
            return false;
        }

        var host = url.IdnHost.TrimEnd('.');
        foreach (var entry in _entries)
        {
            var port = entry.Port ?? (https ? 443 : 80);
            if (url.Port == port && entry.Matches(host))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A WebSocket URL by the same rule: wss as https, ws as http (so only for a loopback host an entry names).</summary>
    public bool AdmitsWebSocket(Uri url) =>
        url is { IsAbsoluteUri: true, Scheme: "wss" or "ws" }
        && Admits(new UriBuilder(url) { Scheme = url.Scheme == "wss" ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, Port = url.Port }.Uri);

    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private sealed record Entry(string Text, string Host, bool Suffix, int? Port)
    {
        public bool Matches(string host) => Suffix
            ? host.Length > Host.Length && host.EndsWith(Host, StringComparison.OrdinalIgnoreCase) && host[^(Host.Length + 1)] == '.'
            : string.Equals(host, Host, StringComparison.OrdinalIgnoreCase);

        public static Entry? Parse(string? text)
        {
            var trimmed = text?.Trim() ?? "";
            var suffix = trimmed.StartsWith("*.", StringComparison.Ordinal);
            var rest = suffix ? trimmed[2..] : trimmed;
            // Uri does the host grammar (IDN, IPv6 in brackets, ports); a path, user info or scheme is not a host.
            if (rest.Length == 0 || rest.Contains('/', StringComparison.Ordinal) || rest.Contains('@', StringComparison.Ordinal)
                || !Uri.TryCreate("https://" + rest, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.PathAndQuery != "/"
                || (suffix && uri.HostNameType != UriHostNameType.Dns))
            {
                return null;
            }

            int? port = rest.EndsWith(":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) ? uri.Port : null;
            return new Entry(trimmed, uri.IdnHost.TrimEnd('.'), suffix, port);
        }
    }
}
