using ChatBot.Settings;

namespace ChatBot.Teams;

/// <summary>The "Teams" configuration section (design section 5). Teams is enabled only with both credentials.</summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Microsoft says this host is stable for the Teams connector (BotFramework-Services#342).</summary>
    public const string DefaultServiceUrlHost = "smba.trafficmanager.net";

    /// <summary>Where Teams' pre-authenticated <c>file.download.info</c> links point (SharePoint and OneDrive for Business).</summary>
    public const string DefaultFileHost = "*.sharepoint.com";

    /// <summary>The bot's Microsoft App ID: the audience of inbound tokens and the client id of outbound ones.</summary>
    public string? AppId { get; set; }

    public string? AppPassword { get; set; }

    /// <summary>Single-tenant bots ask their own tenant for tokens; multi-tenant ones ask "botframework.com".</summary>
    public string? TenantId { get; set; }

    public Uri OpenIdMetadataUrl { get; set; } = new(DefaultOpenIdMetadataUrl);

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
}
