using Microsoft.Playwright;

namespace ChatBot.Tests.Browser;

/// <summary>
/// A real headless browser for page tests: Debian's <c>chromium</c> (<c>/usr/bin/chromium</c>, or the executable in
/// <c>CHATBOT_TEST_CHROMIUM</c>), driven by Playwright through its executable path, so nothing is downloaded. One browser
/// per test run, started on first use; every test opens its own context (its own cookies and storage), so tests never
/// share a session. Reusable by any page the bot serves (the sign-in page, later the Slack install page).
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutableVariable = "CHATBOT_TEST_CHROMIUM";

    /// <summary>Phone-sized viewport (an iPhone 13-class screen) for layout checks.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static readonly ViewportSize Desktop = new() { Width = 1100, Height = 800 };

    // Headless, no sandbox (containers run as root), and nothing that phones home or updates itself during a test.
    private static readonly string[] Flags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static HeadlessChromium? shared;

    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>The path of the browser the tests drive.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The browser for this test run (closed when the process exits).</summary>
    public static async Task<HeadlessChromium> SharedAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (shared is null)
            {
                shared = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return shared;
        }
        finally
        {
            StartLock.Release();
        }
    }

    /// <summary>A fresh context (cookies, cache) with a page in it; dispose the context when done.</summary>
    /// <param name="locale">The browser's language; the sign-in page must not follow it (it follows the chat's).</param>
    public async Task<(IBrowserContext Context, IPage Page)> OpenAsync(ViewportSize? viewport = null, string locale = "en-US", bool mobile = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport ?? Desktop,
            Locale = locale,
            IsMobile = mobile,
            HasTouch = mobile,
            DeviceScaleFactor = mobile ? 2 : 1,
        });
        // Generous for a loaded machine: the page itself answers in milliseconds.
        context.SetDefaultTimeout(30_000);
        return (context, await context.NewPageAsync());
    }

    private static async Task<HeadlessChromium> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"No browser at {ExecutablePath}: install Debian's chromium (apt-get install chromium; .ci/run does) or set {ExecutableVariable}.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
            Timeout = 60_000,
        });
        return new HeadlessChromium(playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
