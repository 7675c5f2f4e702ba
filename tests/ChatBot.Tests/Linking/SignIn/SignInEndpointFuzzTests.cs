using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChatBot.Linking;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Linking.SignIn;

/// <summary>
/// Hostile input at <c>GET|POST /link/{code}</c>, over real HTTP to Kestrel: every answer is a 4xx page, never a 5xx,
/// nothing is linked, and no try is counted against the person's link.
/// </summary>
public sealed class SignInEndpointFuzzTests : IAsyncLifetime
{
    private SlackHost _host = null!;
    private Uri _link = null!;

    public async Task InitializeAsync()
    {
        _host = await SlackHost.StartAsync(defaultAccount: false, signIn: true, settings: new Dictionary<string, string?>
        {
            // The fuzzing is many requests from one address; the limits have their own test.
            ["SignIn:MaxAttemptsPerAddress"] = "1000",
            ["SignIn:MaxRequestsPerCode"] = "1000",
        });
        _link = await SignInSteps.LinkForAsync(_host, SlackHost.EnglishUser);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string> BadCodes => new()
    {
        "x",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa%2F",
        "%00aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "%C3%A8aaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "..%2F..%2Fetc%2Fpasswd",
        "%27%20OR%201%3D1--aaaaaaaaaaaaaaaa",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    };

    [Theory]
    [MemberData(nameof(BadCodes))]
    public async Task BadOrUnknownCodes_Get404_ForGetAndPost(string code)
    {
        using var client = SignInHttp.Client();
        var url = new Uri(_host.BaseAddress!, "link/" + code);

        using var get = await client.GetAsync(url);
        using var post = await client.PostAsync(url, new FormUrlEncodedContent([new("email", "a@b.c"), new("password", "x")]));

        // Kestrel itself refuses some paths (a NUL byte) with 400 before routing; whatever reaches the page is a 404 page.
        Assert.InRange((int)get.StatusCode, 400, 499);
        Assert.Equal(get.StatusCode, post.StatusCode);
        if (get.StatusCode == HttpStatusCode.NotFound)
        {
            Assert.Contains("This link is not valid", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("no-store", get.Headers.CacheControl?.ToString());
        }

        Assert.Empty(await _host.Factory.Services.GetRequiredService<LinkStore>().ListAsync(default));
    }

    [Fact]
    public async Task AHugeCodeInThePath_IsRefusedByTheServer_Not500()
    {
        using var client = SignInHttp.Client();
        using var response = await client.GetAsync(new Uri(_host.BaseAddress!, "link/" + new string('a', 20_000)));
        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    public static TheoryData<string, string[]> BadForms => new()
    {
        { "no fields", [] },
        { "email only", ["email", "a@b.c"] },
        { "password only", ["password", "x"] },
        { "empty values", ["email", "", "password", ""] },
        { "not an email", ["email", "nobody", "password", "x"] },
        { "two at signs", ["email", "a@b@c", "password", "x"] },
        { "spaces in email", ["email", "a b@c.d", "password", "x"] },
        { "control characters", ["email", "a\u0000@b.c", "password", "x"] },
        { "email too long", ["email", new string('a', 300) + "@b.c", "password", "x"] },
        { "password too long", ["email", "a@b.c", "password", new string('p', 2000)] },
        { "field over the form limit", ["email", "a@b.c", "password", new string('p', 10_000)] },
        { "email twice", ["email", "a@b.c", "email", "c@d.e", "password", "x"] },
        { "too many fields", [.. Enumerable.Range(0, 40).SelectMany(i => new[] { "f" + i, "v" })] },
        { "long field name", [new string('k', 200), "v", "email", "a@b.c", "password", "x"] },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task BadForms_Get400_NotAKeliwebCall_NotATry(string what, string[] pairs)
    {
        using var client = SignInHttp.Client();
        var form = await SignInHttp.OpenFormAsync(client, _link);
        var fields = pairs.Chunk(2).Select(p => (p[0], p[1])).ToArray();

        using var response = await SignInHttp.PostAsync(client, _link, form.Token, fields);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task ABodyLargerThanTheLimit_Is413()
    {
        using var client = SignInHttp.Client();
        var form = await SignInHttp.OpenFormAsync(client, _link);
        var body = $"{Uri.EscapeDataString(form.Token.Name)}={Uri.EscapeDataString(form.Token.Value)}&email=a%40b.c&password=x&pad=" + new string('x', 200_000);

        using var response = await client.PostAsync(_link, new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.InRange((int)response.StatusCode, 400, 413);
        await AssertNothingHappenedAsync();
    }

    [Theory]
    [InlineData("application/json", "{\"email\":\"a@b.c\",\"password\":\"x\"}")]
    [InlineData("text/plain", "email=a@b.c&password=x")]
    [InlineData(null, "email=a@b.c&password=x")]
    public async Task NotAForm_Gets415(string? contentType, string body)
    {
        using var client = SignInHttp.Client();
        await SignInHttp.OpenFormAsync(client, _link);
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);

        using var response = await client.PostAsync(_link, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Theory]
    [InlineData("email=%E0%A4%A&password=%ZZ")]
    [InlineData("=&=&&&==")]
    [InlineData("email")]
    public async Task MalformedUrlEncoding_IsA4xx(string body)
    {
        using var client = SignInHttp.Client();
        var form = await SignInHttp.OpenFormAsync(client, _link);
        var full = $"{Uri.EscapeDataString(form.Token.Name)}={Uri.EscapeDataString(form.Token.Value)}&{body}";

        using var response = await client.PostAsync(_link, new StringContent(full, Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.InRange((int)response.StatusCode, 400, 499);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task AMultipartFormWithAFile_IsReadWithinLimits_NotA500()
    {
        using var client = SignInHttp.Client();
        var form = await SignInHttp.OpenFormAsync(client, _link);
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent(form.Token.Value), form.Token.Name },
            { new StringContent("a@b.c"), "email" },
            { new ByteArrayContent(new byte[64 * 1024]), "password", "secret.bin" },
        };

        using var response = await client.PostAsync(_link, multipart);

        Assert.InRange((int)response.StatusCode, 400, 499);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task AfterAllThat_TheLinkStillWorks()
    {
        using var client = SignInHttp.Client();
        var form = await SignInHttp.OpenFormAsync(client, _link);
        using var response = await SignInHttp.PostAsync(client, _link, form.Token, ("email", "john@acme.example"), ("password", KeliwebStandIn.UserPassword));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task AssertNothingHappenedAsync()
    {
        Assert.Empty(await _host.Factory.Services.GetRequiredService<LinkStore>().ListAsync(default));
        Assert.Empty(await _host.Keliweb.GetTokenRequestsAsync());
        var stored = await _host.Factory.Services.GetRequiredService<ChatBot.Linking.SignIn.SignInService>().FindAsync(_link.Segments[^1], default);
        Assert.Equal(0, stored!.FailedAttempts);
        Assert.DoesNotContain(_host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
    }
}
