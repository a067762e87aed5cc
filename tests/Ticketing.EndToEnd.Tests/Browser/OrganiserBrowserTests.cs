using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ticketing.EndToEnd.Tests.Browser;

/// <summary>An organiser builds a venue and an event in the browser, puts it on sale, and fans find it.</summary>
[Collection(SystemCollection.Name)]
public sealed class OrganiserBrowserTests(SystemFixture system, Browsers browsers) : IClassFixture<Browsers>
{
    [Fact]
    public async Task Organiser_CreatesVenueAndEvent_EventAppearsOnHomePage()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var venueName = $"Browser Arena {suffix}";
        var eventName = $"Organiser Night {suffix}";

        var page = await browsers.NewPageAsync(system.Gateway);
        await Storefront.SignInAsync(page, Storefront.AdminEmail, Storefront.AdminPassword);
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "New venue" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(venueName);
        await page.GetByLabel("Address").FillAsync("2 Browser Road");
        await page.GetByLabel("City").FillAsync("Playwright City");
        await page.GetByLabel("Country").FillAsync("USA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add section" }).ClickAsync();
        await page.GetByLabel("Tier of section 1").SelectOptionAsync("vip");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create venue" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New event" })).ToBeVisibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(eventName);
        await page.GetByLabel("Artist").FillAsync("The Organisers");
        await page.GetByLabel("Venue").SelectOptionAsync(new SelectOptionValue { Label = $"{venueName}, Playwright City" });
        await page.GetByLabel("Category").SelectOptionAsync("comedy");
        // On sale tomorrow, so the organiser is the one who opens the sale today.
        await page.GetByLabel("On sale from").FillAsync(DateTime.Now.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create event" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = eventName })).ToBeVisibleAsync();
        await page.GetByLabel("Change to").SelectOptionAsync("on_sale");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update status" }).ClickAsync();
        await Expect(page.GetByText("on sale", new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("seat-counts")).ToContainTextAsync("Available");
        await Browsers.ScreenshotAsync(page, "organiser-dashboard");

        var fan = await browsers.NewPageAsync(system.Gateway);
        await fan.GotoAsync("/");
        await fan.GetByLabel("Search events").FillAsync(suffix);
        var card = fan.GetByRole(AriaRole.List, new() { Name = "Events" }).GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(eventName) });
        await Expect(card).ToBeVisibleAsync();
        await Browsers.ScreenshotAsync(fan, "home-search");
        await card.ClickAsync();
        await Expect(fan.GetByRole(AriaRole.Heading, new() { Name = eventName })).ToBeVisibleAsync();
        await Expect(fan.GetByRole(AriaRole.List, new() { Name = "Sections" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }
}
