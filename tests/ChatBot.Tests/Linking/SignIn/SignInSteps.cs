using System.Text.Json.Nodes;
using ChatBot.Tests.Slack;
using Microsoft.Playwright;

namespace ChatBot.Tests.Linking.SignIn;

/// <summary>The steps a person takes in the sign-in tests: ask in chat, find the button, fill the page in the browser.</summary>
internal static class SignInSteps
{
    /// <summary>Runs <c>/ticket {text}</c> as <paramref name="userId"/>; the JSON answer, or an empty object for a plain 200.</summary>
    public static async Task<JsonObject> CommandAsync(SlackHost host, string userId, string text)
    {
        using var response = await host.SendAsync(host.Signer.Command("/slack/commands", SlackPayloads.Command(userId, host.Slack.IssueTrigger(), text)));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? [] : JsonNode.Parse(body)!.AsObject();
    }

    /// <summary><c>/ticket link</c> as <paramref name="userId"/>: the sign-in link of the button it answers with.</summary>
    public static async Task<Uri> LinkForAsync(SlackHost host, string userId) => LinkButton(await CommandAsync(host, userId, "link"));

    /// <summary>The URL of the one URL button in <paramref name="node"/>'s blocks (a message, a view, an answer).</summary>
    public static Uri LinkButton(JsonNode node)
    {
        var urls = Buttons(node).ToList();
        return new Uri(Assert.Single(urls));
    }

    public static IEnumerable<string> Buttons(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "button" && o["url"] is { } url => [url.GetValue<string>()],
        JsonObject o => o.SelectMany(p => Buttons(p.Value)),
        JsonArray a => a.SelectMany(Buttons),
        _ => [],
    };

    /// <summary>Opens the link, fills the form as a person would (labels, not selectors), and submits it.</summary>
    public static async Task FillAndSubmitAsync(IPage page, string email, string password, bool wholeWorkspace = false)
    {
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Keliweb email" }).Or(page.GetByRole(AriaRole.Textbox, new() { Name = "Email Keliweb" })).FillAsync(email);
        await page.Locator("input[type=password][name=password]").FillAsync(password);
        if (wholeWorkspace)
        {
            await page.Locator("input[type=checkbox][name=workspace]").CheckAsync();
        }

        await page.Locator("form button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Puts the code of <paramref name="link"/> past its lifetime, as 15 minutes would.</summary>
    public static async Task ExpireAsync(SlackHost host, Uri link)
    {
        var hash = ChatBot.Linking.SignIn.SignInCode.Hash(link.Segments[^1]);
        var database = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ChatBot.Storage.Database>(host.Factory.Services);
        await using var connection = await database.OpenAsync(default);
        await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE sign_in_codes SET expires_at = created_at - 1 WHERE code_hash = @hash", new { hash });
    }
}
