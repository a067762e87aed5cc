using Microsoft.Playwright;

namespace Ticketing.EndToEnd.Tests.Browser;

/// <summary>
/// One headless Chromium per test class: Debian's <c>chromium</c> package (scripts/setup.sh --browser),
/// since Playwright's own browser downloads are not possible on the build machines. Each test opens
/// its own contexts (separate cookies), so fans never share a session.
/// </summary>
public sealed class Browsers : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("TICKETING_CHROMIUM") ?? ChromiumPath,
            Headless = true,
        });
    }

    /// <summary>A fresh browser profile (no cookies) with the gateway as base address.</summary>
    public async Task<IPage> NewPageAsync(Uri gateway, int width = 1280, int height = 900)
    {
        var context = await (_browser ?? throw new InvalidOperationException("not started")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh profile on a phone: 390x844 CSS px, a touch screen (CSS pointer: coarse) and a mobile viewport.</summary>
    public async Task<IPage> NewPhoneAsync(Uri gateway)
    {
        var context = await (_browser ?? throw new InvalidOperationException("not started")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            HasTouch = true,
            IsMobile = true,
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>The whole page, or with <paramref name="fullPage"/> false what the screen shows (a full-page capture re-lays a phone's page out as a desktop).</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = fullPage });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}
