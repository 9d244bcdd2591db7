using Microsoft.Playwright;

namespace Grid.EndToEnd.Tests.Browser;

/// <summary>
/// Headless Chromium driven by Playwright: Debian's <c>chromium</c> at an explicit path (deploy/local/test.sh installs
/// it when missing), never a browser Playwright would download. One browser per test class; a fresh context per test.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Where Debian's chromium package puts the browser; <c>GRID_TEST_CHROMIUM</c> overrides it.</summary>
    public static readonly string ExecutablePath = Environment.GetEnvironmentVariable("GRID_TEST_CHROMIUM") is { Length: > 0 } path
        ? path
        : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// A fresh context (cookies of its own) whose waits allow for a loaded 2-core machine: a page that never comes still
    /// fails the test, with Playwright's log of what it waited for.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}: run deploy/local/test.sh (it installs Debian's chromium package) or apt-get install chromium.");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,

            // Containers run the tests as root without user namespaces: Chromium's sandbox cannot start there.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>
    /// Saves a screenshot as <c>{name}.png</c> into <c>GRID_SCREENSHOT_DIR</c> when set (the README's come from
    /// <c>GRID_SCREENSHOT_DIR=docs/screenshots</c>), else into the test's output directory.
    /// </summary>
    public static Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Environment.GetEnvironmentVariable("GRID_SCREENSHOT_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }
}
