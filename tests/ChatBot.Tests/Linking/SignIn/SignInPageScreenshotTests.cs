using ChatBot.Tests.Browser;
using ChatBot.Tests.Slack;
using Microsoft.Playwright;

namespace ChatBot.Tests.Linking.SignIn;

/// <summary>
/// The page as people see it, on a desktop and on a phone, taken by the browser. The README shows these: run with
/// <c>CHATBOT_WRITE_SCREENSHOTS=1</c> to refresh docs/sign-in-*.png; otherwise they go to the test output only.
/// </summary>
public sealed class SignInPageScreenshotTests
{
    [Fact]
    public async Task ThePage_FitsADesktopAndAPhone_WithoutSideScrolling()
    {
        await using var host = await SlackHost.StartAsync(defaultAccount: false, signIn: true);
        // An admin, so the screenshot shows the workspace option too.
        host.Slack.Users[SlackHost.EnglishUser] = host.Slack.Users[SlackHost.EnglishUser] with { IsAdmin = true };
        var link = await SignInSteps.LinkForAsync(host, SlackHost.EnglishUser);
        var browser = await HeadlessChromium.SharedAsync();

        foreach (var (name, viewport, mobile) in new[] { ("desktop", HeadlessChromium.Desktop, false), ("phone", HeadlessChromium.Phone, true) })
        {
            var (context, page) = await browser.OpenAsync(viewport, mobile: mobile);
            await using (context)
            {
                await page.GotoAsync(link.ToString());
                await Assertions.Expect(page.Locator("form button[type=submit]")).ToBeVisibleAsync();

                // Nothing wider than the screen, and the button within reach without scrolling sideways.
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{name}: the page is {overflow}px wider than the screen");
                var button = await page.Locator("form button[type=submit]").BoundingBoxAsync();
                Assert.True(button!.X >= 0 && button.X + button.Width <= viewport.Width, $"{name}: the button is off screen");
                Assert.True(button.Height >= 40, $"{name}: the button is {button.Height}px high, too small to tap");

                var file = Path.Combine(AppContext.BaseDirectory, "screenshots", $"sign-in-{name}.png");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                Assert.True(new FileInfo(file).Length > 5_000, "the screenshot is empty");
                if (Environment.GetEnvironmentVariable("CHATBOT_WRITE_SCREENSHOTS") == "1")
                {
                    File.Copy(file, Path.Combine(RepositoryRoot.Find(), "docs", $"sign-in-{name}.png"), overwrite: true);
                }
            }
        }
    }
}
