using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace ChatBot.Linking.SignIn;

/// <summary>
/// The sign-in page's HTML: one small document per outcome, every chat or user value through <see cref="HtmlEncoder"/>,
/// no script and nothing from another origin (the style is inline and allowed by its hash in <see cref="ContentSecurityPolicy"/>).
/// The form is a plain POST, so it works without script, with any password manager, on a phone.
/// </summary>
public static class SignInPage
{
    public const string EmailField = "email";
    public const string PasswordField = "password";
    public const string WorkspaceField = "workspace";

    private const string Style =
        """
        :root{color-scheme:light dark;--fg:#1d2330;--muted:#5b6475;--bg:#f3f5f9;--card:#fff;--line:#cfd6e2;--accent:#0b5cad;--bad:#b3261e}
        @media (prefers-color-scheme:dark){:root{--fg:#e8ebf1;--muted:#a9b1c0;--bg:#12151b;--card:#1c2029;--line:#3a4150;--accent:#6aa8ff;--bad:#ff8a80}}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:var(--card);border:1px solid var(--line);border-radius:12px}
        h1{font-size:1.4rem;margin:0 0 .5rem}
        .target{font-weight:600;margin:.25rem 0 1rem;padding:.5rem .75rem;border-left:4px solid var(--accent);background:color-mix(in srgb,var(--accent) 8%,transparent)}
        label{display:block;font-weight:600;margin:1rem 0 .25rem}
        input[type=email],input[type=password]{width:100%;padding:.7rem .75rem;font:inherit;color:inherit;background:var(--card);border:1px solid var(--line);border-radius:8px}
        input:focus-visible,button:focus-visible{outline:3px solid color-mix(in srgb,var(--accent) 55%,transparent);outline-offset:2px}
        .option{display:flex;gap:.6rem;align-items:flex-start;margin-top:1rem}
        .option input{width:1.2rem;height:1.2rem;margin-top:.2rem;flex:none}
        .option label{margin:0}
        .hint,.note{color:var(--muted);font-size:.9rem;margin:.25rem 0 0}
        button{display:block;width:100%;margin-top:1.25rem;padding:.8rem;font:inherit;font-weight:600;color:#fff;background:var(--accent);border:0;border-radius:8px;cursor:pointer}
        .problem{color:var(--bad);font-weight:600;margin:1rem 0 0}
        .done{font-size:1.05rem}
        @media (max-width:32rem){main{margin:0;min-height:100vh;border:0;border-radius:0}}
        """;

    /// <summary>No script, no frames, no other origin; the form posts only here. The referrer is off too (the code is in the URL).</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>The HTTP status and document for <paramref name="result"/>.</summary>
    /// <param name="antiforgeryField">The hidden input's name and value; needed only for the form.</param>
    public static (int Status, string Html) Render(SignInResult result, string code, (string Name, string Value)? antiforgeryField) => result switch
    {
        SignInResult.Form form => (form.Status, Form(form, code, antiforgeryField)),
        SignInResult.Linked linked => (StatusCodes.Status200OK, Linked(linked)),
        SignInResult.Gone gone => (StatusCodes.Status410Gone, Gone(gone)),
        SignInResult.Busy busy => (StatusCodes.Status409Conflict, Message(SignInTexts.For(busy.Code.Person.Locale), t => t.BusyTitle, t => t.BusyText)),
        SignInResult.Unavailable down => (StatusCodes.Status503ServiceUnavailable,
            Message(SignInTexts.For(down.Code.Person.Locale), t => t.UnavailableTitle, t => down.KeliwebDown ? t.KeliwebDown : t.Misconfigured)),
        _ => (StatusCodes.Status404NotFound, NotFound()),
    };

    /// <summary>The antiforgery check failed: the person's language when the code tells it, else both.</summary>
    public static string FormExpired(StoredSignInCode? code) => code is null
        ? Bilingual(t => t.FormExpiredTitle, t => t.FormExpiredText)
        : Message(SignInTexts.For(code.Person.Locale), t => t.FormExpiredTitle, t => t.FormExpiredText);

    /// <summary>The rate limit's answer; no code is looked up for it, so both languages.</summary>
    public static string TooManyRequests(TimeSpan retryAfter)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
        return Document("en", "Too many attempts / Troppi tentativi",
            $"<h1>Too many attempts</h1><p>Wait {minutes} min, then try again.</p>" +
            $"<h1 lang=\"it\">Troppi tentativi</h1><p lang=\"it\">Attendi {minutes} min, poi riprova.</p>");
    }

    private static string Form(SignInResult.Form form, string code, (string Name, string Value)? antiforgery)
    {
        var person = form.Code.Person;
        var t = SignInTexts.For(person.Locale);
        var body = new StringBuilder();
        body.Append("<h1>").Append(E(t.Title)).Append("</h1>")
            .Append("<p class=\"target\">").Append(E(t.Target(person))).Append("</p>")
            .Append("<p>").Append(E(t.Intro)).Append("</p>");
        if (form.Problem is not null)
        {
            body.Append("<p class=\"problem\" id=\"problem\" role=\"alert\">").Append(E(form.Problem)).Append("</p>");
        }

        var described = form.Problem is null ? "" : " aria-describedby=\"problem\"";
        body.Append("<form method=\"post\" action=\"").Append(E(code)).Append("\">");
        if (antiforgery is { } field)
        {
            body.Append("<input type=\"hidden\" name=\"").Append(E(field.Name)).Append("\" value=\"").Append(E(field.Value)).Append("\">");
        }

        body.Append("<label for=\"email\">").Append(E(t.EmailLabel)).Append("</label>")
            .Append("<input id=\"email\" type=\"email\" name=\"").Append(EmailField).Append("\" autocomplete=\"username\" inputmode=\"email\" required maxlength=\"")
            .Append(SignInService.MaxEmailLength).Append('"').Append(described).Append(" value=\"").Append(E(form.Email ?? "")).Append("\">")
            .Append("<label for=\"password\">").Append(E(t.PasswordLabel)).Append("</label>")
            .Append("<input id=\"password\" type=\"password\" name=\"").Append(PasswordField).Append("\" autocomplete=\"current-password\" required maxlength=\"")
            .Append(SignInService.MaxPasswordLength).Append('"').Append(described).Append('>');
        if (form.Code.MayLinkWorkspace)
        {
            var team = person.WorkspaceName ?? person.Identity.TeamId;
            body.Append("<div class=\"option\"><input type=\"checkbox\" id=\"workspace\" name=\"").Append(WorkspaceField)
                .Append("\" value=\"on\" aria-describedby=\"workspace-hint\"><div><label for=\"workspace\">").Append(E(t.WorkspaceOption(team)))
                .Append("</label><p class=\"hint\" id=\"workspace-hint\">").Append(E(t.WorkspaceHint)).Append("</p></div></div>");
        }

        body.Append("<button type=\"submit\">").Append(E(t.Submit)).Append("</button></form>")
            .Append("<p class=\"note\">").Append(E(t.PasswordNote)).Append("</p>")
            .Append("<p class=\"note\">").Append(E(t.OnceNote)).Append("</p>");
        return Document(t.Culture, t.Title, body.ToString());
    }

    private static string Linked(SignInResult.Linked linked)
    {
        var person = linked.Code.Person;
        var t = SignInTexts.For(person.Locale);
        var app = SignInTexts.AppName(person.Identity.Platform);
        var text = linked.Workspace ? t.LinkedWorkspace(person.WorkspaceName ?? person.Identity.TeamId, linked.Email, app) : t.LinkedUser(linked.Email, app);
        return Document(t.Culture, t.LinkedTitle, $"<h1>{E(t.LinkedTitle)}</h1><p class=\"target\">{E(t.Target(person))}</p><p class=\"done\" role=\"status\">{E(text)}</p>");
    }

    private static string Gone(SignInResult.Gone gone)
    {
        var t = SignInTexts.For(gone.Code.Person.Locale);
        var (title, text) = gone.State switch
        {
            SignInCodeState.Used => (t.UsedTitle, t.UsedText),
            SignInCodeState.Spent => (t.SpentTitle, t.SpentText),
            _ => (t.ExpiredTitle, t.ExpiredText),
        };
        return Document(t.Culture, title,
            $"<h1>{E(title)}</h1><p role=\"alert\">{E(text)}</p><p>{E(t.HowToGetANewLink(gone.Code.Person.Identity.Platform))}</p>");
    }

    // Nothing tells the language of a code that does not exist: both, English first.
    private static string NotFound() => Document("en", "Link not valid / Link non valido",
        "<h1>This link is not valid</h1><p>Ask the bot for a new one: <code>/ticket link</code> in Slack, or write “link” to the bot in Teams.</p>" +
        "<h1 lang=\"it\">Questo link non è valido</h1><p lang=\"it\">Chiedi al bot un nuovo link: <code>/ticket link</code> in Slack, oppure scrivi “link” al bot in Teams.</p>");

    private static string Message(SignInTexts t, Func<SignInTexts, string> title, Func<SignInTexts, string> text) =>
        Document(t.Culture, title(t), $"<h1>{E(title(t))}</h1><p role=\"alert\">{E(text(t))}</p>");

    private static string Bilingual(Func<SignInTexts, string> title, Func<SignInTexts, string> text) =>
        Document("en", title(SignInTexts.English) + " / " + title(SignInTexts.Italian),
            $"<h1>{E(title(SignInTexts.English))}</h1><p>{E(text(SignInTexts.English))}</p>" +
            $"<h1 lang=\"it\">{E(title(SignInTexts.Italian))}</h1><p lang=\"it\">{E(text(SignInTexts.Italian))}</p>");

    private static string Document(string lang, string title, string body) =>
        $"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"robots\" content=\"noindex\"><title>{E(title)}</title><style>{Style}</style></head>" +
        $"<body><main>{body}</main></body></html>";

    private static string E(string value) => Encoder.Encode(value);
}
