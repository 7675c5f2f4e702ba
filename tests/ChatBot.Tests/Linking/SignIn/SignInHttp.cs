using System.Net;
using System.Text.RegularExpressions;

namespace ChatBot.Tests.Linking.SignIn;

/// <summary>The sign-in page over plain HTTP, as a script (or an attacker) would use it: for what a browser would not send.</summary>
internal static partial class SignInHttp
{
    /// <summary>A client with its own cookie jar (the antiforgery cookie), no redirects.</summary>
    public static HttpClient Client() => new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });

    /// <summary>GETs the page and reads the antiforgery field out of the form.</summary>
    public static async Task<(string Html, (string Name, string Value) Token)> OpenFormAsync(HttpClient client, Uri link)
    {
        using var response = await client.GetAsync(link);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = HiddenField().Match(html);
        Assert.True(token.Success, "no antiforgery field in:\n" + html);
        return (html, (token.Groups["name"].Value, WebUtility.HtmlDecode(token.Groups["value"].Value)));
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, Uri link, (string Name, string Value)? token, params (string Name, string Value)[] fields)
    {
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (token is { } t)
        {
            all.Add(new(t.Name, t.Value));
        }

        return client.PostAsync(link, new FormUrlEncodedContent(all));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenField();
}
