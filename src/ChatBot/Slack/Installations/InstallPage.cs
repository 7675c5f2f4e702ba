using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace ChatBot.Slack.Installations;

/// <summary>
/// The install pages' HTML: the "Add to Slack" page and one small document per outcome of the redirect. Every value
/// through <see cref="HtmlEncoder"/>; no script, nothing from another origin (the style is inline, allowed by its hash).
/// </summary>
public static class InstallPage
{
    private const string Style =
        """
        :root{color-scheme:light dark;--fg:#1d2330;--muted:#5b6475;--bg:#f3f5f9;--card:#fff;--line:#cfd6e2;--accent:#4a154b}
        @media (prefers-color-scheme:dark){:root{--fg:#e8ebf1;--muted:#a9b1c0;--bg:#12151b;--card:#1c2029;--line:#3a4150;--accent:#c98fcb}}
        body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        main{max-width:30rem;margin:2rem auto;padding:1.5rem;background:var(--card);border:1px solid var(--line);border-radius:12px}
        h1{font-size:1.4rem;margin:0 0 .5rem}
        .add{display:inline-block;margin:1rem 0;padding:.75rem 1.25rem;font-weight:600;color:#fff;background:#4a154b;border-radius:8px;text-decoration:none}
        .add:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
        .note{color:var(--muted);font-size:.9rem}
        code{font-size:.95em}
        """;

    /// <summary>No script, no frames, no forms; links leave only by the user's click. No referrer: the state is in the link.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static string Install(InstallTexts t, Uri authorize) => Document(t, t.Title,
        $"<h1>{E(t.Title)}</h1><p>{E(t.Intro)}</p><p><a class=\"add\" id=\"add-to-slack\" href=\"{E(authorize.AbsoluteUri)}\">{E(t.Button)}</a></p>" +
        $"<p class=\"note\">{E(t.AdminNote)}</p>");

    public static string Installed(InstallTexts t, string team) => Document(t, t.InstalledTitle,
        $"<h1>{E(t.InstalledTitle)}</h1><p role=\"status\">{E(t.InstalledIn(team))}</p><p>{E(t.NextSteps)}</p><p class=\"note\">{E(t.InviteHint)}</p>");

    public static string Cancelled(InstallTexts t) => Message(t, t.CancelledTitle, t.CancelledText);

    public static string Expired(InstallTexts t) => Message(t, t.ExpiredTitle, t.ExpiredText);

    public static string Refused(InstallTexts t, string error) => Message(t, t.RefusedTitle, t.RefusedText(error));

    public static string Unavailable(InstallTexts t) => Message(t, t.UnavailableTitle, t.UnavailableText);

    public static string Busy(InstallTexts t) => Document(t, t.BusyTitle, $"<h1>{E(t.BusyTitle)}</h1><p role=\"alert\">{E(t.BusyText)}</p>");

    public static string Off(InstallTexts t) => Document(t, t.OffTitle, $"<h1>{E(t.OffTitle)}</h1><p>{E(t.OffText)}</p>");

    private static string Message(InstallTexts t, string title, string text) => Document(t, title,
        $"<h1>{E(title)}</h1><p role=\"alert\">{E(text)}</p><p><a href=\"install\">{E(t.StartAgain)}</a></p>");

    private static string Document(InstallTexts t, string title, string body) =>
        $"<!DOCTYPE html><html lang=\"{t.Culture}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"robots\" content=\"noindex\"><title>{E(title)}</title><style>{Style}</style></head>" +
        $"<body><main>{body}</main></body></html>";

    private static string E(string value) => Encoder.Encode(value);
}
