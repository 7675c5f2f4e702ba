using ChatBot.Settings;

namespace ChatBot.Teams;

/// <summary>The "Teams" configuration section (design section 5). Teams is enabled only with both credentials.</summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    public const string DefaultGraphBaseUrl = "https://graph.microsoft.com/v1.0/";

    /// <summary>Microsoft says this host is stable for the Teams connector (BotFramework-Services#342).</summary>
    public const string DefaultServiceUrlHost = "smba.trafficmanager.net";

    /// <summary>Where Teams' pre-authenticated <c>file.download.info</c> links point (SharePoint and OneDrive for Business).</summary>
    public const string DefaultFileHost = "*.sharepoint.com";

    /// <summary>The bot's Microsoft App ID: the audience of inbound tokens and the client id of outbound ones.</summary>
    public string? AppId { get; set; }

    public string? AppPassword { get; set; }

    /// <summary>
    /// The bot's own tenant: a single-tenant bot (the default for Azure Bots since 2025) asks it for tokens and accepts
    /// Entra-issued tokens of this tenant only; without it the bot is multi-tenant and asks "botframework.com".
    /// </summary>
    public string? TenantId { get; set; }

    /// <summary>Signing keys of the Bot Framework's tokens (<c>iss</c> https://api.botframework.com).</summary>
    public Uri OpenIdMetadataUrl { get; set; } = new(DefaultOpenIdMetadataUrl);

    /// <summary>
    /// Signing keys of Entra-issued tokens (<c>iss</c> the tenant's v1 or v2 issuer); null means the tenant's own
    /// metadata, see <see cref="EffectiveEntraOpenIdMetadataUrl"/>. Each issuer is checked against its own keys only.
    /// </summary>
    public Uri? EntraOpenIdMetadataUrl { get; set; }

    /// <summary>Reads the files of channel, group chat and message-action messages through Microsoft Graph.</summary>
    public bool GraphEnabled { get; set; }

    /// <summary>Microsoft Graph's base URL; the Graph token goes to this scheme, host and port only.</summary>
    public Uri GraphBaseUrl { get; set; } = new(DefaultGraphBaseUrl);

    /// <summary>Null means derived from <see cref="TenantId"/>; see <see cref="EffectiveTokenEndpoint"/>.</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>Hosts trusted with the connector token besides the serviceUrls that arrived in validated tokens.</summary>
    public List<string> ServiceUrlHosts { get; set; } = [DefaultServiceUrlHost];

    /// <summary>The lists whose defaults a configured list replaces (see <see cref="ListSetting{T}"/>).</summary>
    public static readonly ListSetting<TeamsOptions>[] Lists =
    [
        new(nameof(ServiceUrlHosts), o => o.ServiceUrlHosts.Clear()),
        new(nameof(FileHosts), o => o.FileHosts.Clear()),
    ];

    /// <summary>
    /// The only hosts files are downloaded from, redirects included (<see cref="Http.HostAllowList"/> entries: exact
    /// names, <c>*.</c> suffixes, <c>host:port</c>): an attachment names its own URL, so nothing else is ever fetched.
    /// </summary>
    public List<string> FileHosts { get; set; } = [DefaultFileHost];

    /// <summary>
    /// Lets a local emulator without tokens in, from loopback addresses only; in this mode the connector token is
    /// never sent anywhere (the bot answers loopback emulators only). Never in production.
    /// </summary>
    public bool DangerouslyAllowUnauthenticatedRequests { get; set; }

    /// <summary>Largest activity accepted on <c>/api/messages</c>; cards and message payloads stay far below this.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    public const int MinRequestBytes = 16 * 1024;

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppPassword);

    public Uri EffectiveTokenEndpoint => TokenEndpoint ?? new Uri(
        "https://login.microsoftonline.com/" + (string.IsNullOrWhiteSpace(TenantId) ? "botframework.com" : TenantId.Trim()) + "/oauth2/v2.0/token");

    /// <summary>The configured tenant as Entra writes it (a lower-case GUID), or null for a multi-tenant bot.</summary>
    public string? SingleTenant => Guid.TryParse(TenantId, out var tenant) ? tenant.ToString("D") : null;

    /// <summary>The configured Entra metadata, else the tenant's; null for a multi-tenant bot, which accepts no Entra-issued token.</summary>
    public Uri? EffectiveEntraOpenIdMetadataUrl => EntraOpenIdMetadataUrl ?? (SingleTenant is { } tenant
        ? new Uri("https://login.microsoftonline.com/" + tenant + "/v2.0/.well-known/openid-configuration")
        : null);
}
