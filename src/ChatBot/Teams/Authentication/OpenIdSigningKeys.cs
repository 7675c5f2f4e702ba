using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Http;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Teams.Authentication;

/// <summary>
/// One issuer's signing keys, from its OpenID metadata document and JWKS, with the Bot Framework's non-standard
/// <c>endorsements</c> (the standard OpenID loader drops that member, so the JWKS is fetched and parsed here). Each
/// issuer has its own set (<see cref="BotFrameworkSigningKeys"/>, <see cref="EntraSigningKeys"/>): a key of one never
/// validates a token of the other. Refreshed at least daily, and on an unknown <c>kid</c> at most once per
/// <see cref="UnknownKeyRefetchInterval"/> so a flood of forged kids cannot hammer the issuer.
/// </summary>
public abstract partial class OpenIdSigningKeys(IHttpClientFactory httpClientFactory, TimeProvider time, ILogger logger) : IDisposable
{
    public const string HttpClientName = "Teams.OpenId";

    /// <summary>The metadata and key documents are a few KB (a handful of keys with their certificates): a generous cap.</summary>
    public const int MaxDocumentBytes = 256 * 1024;

    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(12);
    internal static readonly TimeSpan UnknownKeyRefetchInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim refreshLock = new(1, 1);
    private volatile KeySet current = KeySet.Empty;

    /// <summary>Where the metadata document is; null when this issuer is not accepted at all.</summary>
    protected abstract Uri? MetadataUrl { get; }

    /// <summary>The issuer's name in log lines.</summary>
    protected abstract string IssuerName { get; }

    /// <summary>The key with this kid and its endorsements, or null when the issuer does not publish it.</summary>
    public async Task<EndorsedKey?> FindAsync(string kid, CancellationToken cancellationToken)
    {
        if (MetadataUrl is null)
        {
            return null;
        }

        var set = current;
        var now = time.GetUtcNow();
        var stale = now - set.FetchedAt > RefreshInterval;
        var unknownMayRefetch = !set.Keys.ContainsKey(kid) && now - set.FetchedAt > UnknownKeyRefetchInterval;
        if (stale || unknownMayRefetch)
        {
            set = await RefreshAsync(set, cancellationToken);
        }

        return set.Keys.GetValueOrDefault(kid);
    }

    private async Task<KeySet> RefreshAsync(KeySet seen, CancellationToken cancellationToken)
    {
        await refreshLock.WaitAsync(cancellationToken);
        try
        {
            if (!ReferenceEquals(current, seen))
            {
                return current; // another request refreshed meanwhile
            }

            try
            {
                current = await FetchAsync(cancellationToken);
                LogKeysRefreshed(logger, IssuerName, current.Keys.Count);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException or InvalidOperationException or ArgumentException or TaskCanceledException)
            {
                // Keep serving the keys we have; note the attempt so an outage does not turn every request into a fetch.
                LogKeysRefreshFailed(logger, IssuerName, ex);
                current = seen with { FetchedAt = time.GetUtcNow() - RefreshInterval + UnknownKeyRefetchInterval };
            }

            return current;
        }
        finally
        {
            refreshLock.Release();
        }
    }

    private async Task<KeySet> FetchAsync(CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        var metadata = JsonSerializer.Deserialize(
            await GetAsync(client, MetadataUrl!, cancellationToken), TeamsJsonContext.Default.OpenIdMetadataDocument);
        if (metadata?.JwksUri is not { } jwksText || !Uri.TryCreate(jwksText, UriKind.Absolute, out var jwksUri) || !LoopbackUrl.IsAllowed(jwksUri))
        {
            throw new InvalidOperationException("The OpenID metadata has no usable https jwks_uri.");
        }

        using var jwks = JsonDocument.Parse(await GetAsync(client, jwksUri, cancellationToken));
        var keys = new Dictionary<string, EndorsedKey>(StringComparer.Ordinal);
        foreach (var element in jwks.RootElement.GetProperty("keys").EnumerateArray())
        {
            var key = new JsonWebKey(element.GetRawText());
            if (string.IsNullOrEmpty(key.Kid))
            {
                continue;
            }

            var endorsements = element.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : "").ToHashSet(StringComparer.OrdinalIgnoreCase)
                : [];
            keys[key.Kid] = new EndorsedKey(key, endorsements);
        }

        return new KeySet(keys, time.GetUtcNow());
    }

    private static async Task<byte[]> GetAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        if (!LoopbackUrl.IsAllowed(url))
        {
            throw new InvalidOperationException("Signing keys are fetched over https only (http for loopback).");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var answer = await UpstreamAnswerReader.SendAsync(client, request, cancellationToken, MaxDocumentBytes);
        return answer.IsSuccessStatusCode
            ? answer.Body.ToArray()
            : throw new HttpRequestException($"{url.Host} answered {(int)answer.StatusCode}.", null, answer.StatusCode);
    }

    public void Dispose()
    {
        refreshLock.Dispose();
        GC.SuppressFinalize(this);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Issuer} signing keys refreshed: {Count} keys")]
    private static partial void LogKeysRefreshed(ILogger logger, string issuer, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Issuer} signing keys could not be refreshed; keeping the previous ones")]
    private static partial void LogKeysRefreshFailed(ILogger logger, string issuer, Exception exception);

    private sealed record KeySet(IReadOnlyDictionary<string, EndorsedKey> Keys, DateTimeOffset FetchedAt)
    {
        public static readonly KeySet Empty = new(new Dictionary<string, EndorsedKey>(), DateTimeOffset.MinValue);
    }
}

/// <summary>A JWKS key and the channels (e.g. "msteams") it is endorsed for; Entra's keys have none.</summary>
public sealed record EndorsedKey(JsonWebKey Key, IReadOnlySet<string> Endorsements);

/// <summary>The part of the OpenID metadata document the bot uses.</summary>
public sealed record OpenIdMetadataDocument([property: JsonPropertyName("jwks_uri")] string? JwksUri = null, string? Issuer = null);
