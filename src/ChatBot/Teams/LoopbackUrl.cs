using System.Net;

namespace ChatBot.Teams;

/// <summary>Tokens and downloads travel over https; plain http is tolerated only to this machine (tests, emulators).</summary>
internal static class LoopbackUrl
{
    public static bool IsAllowed(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)));

    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
