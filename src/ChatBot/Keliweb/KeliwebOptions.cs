using ChatBot.Settings;

namespace ChatBot.Keliweb;

/// <summary>The "Keliweb" configuration section (design section 5).</summary>
public sealed class KeliwebOptions
{
    public const string SectionName = "Keliweb";

    /// <summary>Methods live at <c>api/v2/keliweb/&lt;method&gt;</c>, tokens at <c>oauth/token</c>, both under this.</summary>
    public Uri BaseUrl { get; set; } = new("https://apiv2.keliweb.it/");

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The operator's default account login (design section 2); its password is only used for the first grant.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Client-area link to a ticket; <c>{tid}</c> and <c>{c}</c> are replaced.</summary>
    public string TicketUrlTemplate { get; set; } = "https://www.keliweb.it/billing/viewticket.php?tid={tid}&c={c}";

    /// <summary>Extensions Keliweb's WHMCS accepts; WHMCS drops any other silently, so the bot checks first.</summary>
    public List<string> AllowedExtensions { get; set; } = [".jpg", ".jpeg", ".gif", ".png", ".pdf", ".txt"];

    /// <summary>The lists whose defaults a configured list replaces (see <see cref="ListSetting{T}"/>).</summary>
    public static readonly ListSetting<KeliwebOptions>[] Lists = [new(nameof(AllowedExtensions), o => o.AllowedExtensions.Clear())];

    /// <summary>Largest request body Keliweb takes (PHP's default post_max_size is 8M).</summary>
    public long MaxRequestBytes { get; set; } = 8_000_000;

    public const long MinRequestBytes = 64 * 1024;

    /// <summary>Per-request timeout for API calls. A timed-out open-ticket is uncertain, never retried blindly.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The id under which the default account (Username/Password) is stored.</summary>
    public const string DefaultAccountId = "default";

    public bool HasApiKeys => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public bool HasDefaultAccount => !string.IsNullOrWhiteSpace(Username) && !string.IsNullOrWhiteSpace(Password);
}
