using System.Net.Http.Headers;
using System.Text;
using ChatBot.Linking;
using ChatBot.Linking.SignIn;
using Microsoft.AspNetCore.Http;
using ChatBot.Tests.Linking.SignIn;
using ChatBot.Tests.Slack;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// The sign-in page's form post (<c>POST /link/{code}</c>) fuzzed from the corpus over real HTTP, each case with a
/// fresh code, its page's antiforgery cookie and token: never a 5xx, nothing linked for a refused post, no Error logged.
/// </summary>
public sealed class SignInFormFuzzTests(ITestOutputHelper output)
{
    public const string Family = "signin-form";

    [Fact]
    public async Task MutatedFormPosts_AreAnsweredWithoutA5xx_AndLinkNothingWhenRefused()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true, settings: new Dictionary<string, string?>
        {
            // Many posts from one address: the limits have their own tests.
            ["SignIn:MaxAttemptsPerAddress"] = "1000000",
            ["SignIn:MaxRequestsPerCode"] = "1000",
        });
        var links = host.Factory.Services.GetRequiredService<LinkStore>();
        var run = new FuzzRun(Family, output, host.Logs);
        var person = 0;
        foreach (var fuzzCase in run.Cases())
        {
            await run.RunAsync(fuzzCase, () => PostAsync(host, links, fuzzCase, "U0FZ" + (++person).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)));
        }

        run.Finish($"{(await links.ListAsync(CancellationToken.None)).Count} links made");
    }

    private static async Task PostAsync(SlackHost host, LinkStore links, FuzzCase fuzzCase, string userId)
    {
        // A workspace admin, so the whole-workspace option is theirs to choose.
        host.Slack.Users[userId] = new StandInUser(userId, SlackHost.Team, "fuzz", "Fuzz Person", userId.ToLowerInvariant() + "@acme.example", "en-US", IsAdmin: true);
        var link = await SignInSteps.LinkForAsync(host, userId);
        using var client = SignInHttp.Client();
        var (_, token) = await SignInHttp.OpenFormAsync(client, link);
        var values = new Dictionary<string, string>
        {
            ["email"] = userId.ToLowerInvariant() + "@acme.example",
            ["password"] = KeliwebStandIn.UserPassword,
            ["tokenName"] = token.Name,
            ["tokenValue"] = token.Value,
        };
        var body = fuzzCase.MaybeBreak(Encoding.UTF8.GetBytes(fuzzCase.MutateForm(fuzzCase.File.Text(values, Uri.EscapeDataString).Trim())));
        var before = (await links.ListAsync(CancellationToken.None)).Count;
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        int status;
        try
        {
            using var response = await client.PostAsync(link, content);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException) when (body.Length > SignInEndpoints.MaxBodyBytes)
        {
            // Kestrel answers an oversized body with 413 and closes the connection while the client is still sending.
            status = StatusCodes.Status413PayloadTooLarge;
            fuzzCase.Note("connection closed on the oversized body");
        }

        FuzzCheck.That(status < 500, $"answered {status}");
        FuzzCheck.That(fuzzCase.Mutated || status == 200, $"the unmutated form was refused with {status}");
        var made = (await links.ListAsync(CancellationToken.None)).Count - before;
        FuzzCheck.That(status < 400 || made <= 0, $"refused with {status} but {made} link(s) made");
        FuzzCheck.That(fuzzCase.Mutated || made == 1, "the unmutated form linked nothing");
        if (fuzzCase.Index % 25 == 0)
        {
            using var health = await client.GetAsync(new Uri(host.BaseAddress!, "healthz"));
            FuzzCheck.That(health.IsSuccessStatusCode, $"/healthz answered {(int)health.StatusCode}");
        }
    }
}
