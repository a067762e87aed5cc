using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ticketing.EndToEnd.Tests.Browser;

/// <summary>A fan in a real browser: pick seats on the live map, hold them, pay, get QR tickets; and a hold running out.</summary>
[Collection(SystemCollection.Name)]
public sealed partial class FanBrowserTests(SystemFixture system, Browsers browsers) : IClassFixture<Browsers>
{
    [Fact]
    public async Task Fan_BuysTwoSeats_SeesQrTicketsWhileAnotherBrowserSeesThemGoLive()
    {
        var seats = await Storefront.AvailableSeatsAsync(system.Gateway, Storefront.Chappelle);
        var section = seats[^1].Section;
        var picked = seats.Where(s => s.Section == section).TakeLast(2).Select(s => s.Id).ToArray();

        // Another fan watches the same section; it never reloads.
        var watcher = await browsers.NewPageAsync(system.Gateway);
        await watcher.GotoAsync($"/events/{Storefront.Chappelle}");
        await Storefront.ChooseSectionAsync(watcher, section);
        await Expect(watcher.GetByText("● Live")).ToBeVisibleAsync();
        await Expect(Storefront.Seat(watcher, picked[0])).ToHaveAttributeAsync("data-state", "available");

        var fan = await browsers.NewPageAsync(system.Gateway);
        await Storefront.SignUpAsync(fan);
        await fan.GotoAsync($"/events/{Storefront.Chappelle}");
        await Storefront.ChooseSectionAsync(fan, section);
        await Expect(Storefront.Seat(fan, picked[0])).ToHaveAttributeAsync("aria-label", SeatLabel());
        foreach (var seat in picked)
        {
            await Storefront.Seat(fan, seat).ClickAsync();
            await Expect(Storefront.Seat(fan, seat)).ToHaveAttributeAsync("data-state", "selected");
        }
        await fan.GetByRole(AriaRole.Button, new() { Name = "Reserve 2 seats" }).ClickAsync();
        await Expect(fan.GetByTestId("hold-panel")).ToBeVisibleAsync();
        await Expect(fan.GetByTestId("countdown")).ToHaveTextAsync(CountdownText());

        foreach (var seat in picked)
        {
            await Expect(Storefront.Seat(watcher, seat)).ToHaveAttributeAsync("data-state", "held");
        }

        // The hold lives on the server: a reload still shows it, with its countdown.
        await fan.ReloadAsync();
        await Expect(fan.GetByRole(AriaRole.List, new() { Name = "Held seats" }).GetByRole(AriaRole.Button, new() { NameRegex = ReleaseButton() })).ToHaveCountAsync(2);
        await Browsers.ScreenshotAsync(fan, "event-seat-map-with-hold");

        await fan.GetByRole(AriaRole.Link, new() { Name = "Checkout" }).ClickAsync();
        await fan.GetByLabel("Name on card").FillAsync("Browser Fan");
        await fan.GetByLabel("Card number").FillAsync(Storefront.ApprovedCard);
        await fan.GetByLabel("Expiry (MM/YY)").FillAsync($"12/{(DateTime.UtcNow.Year + 3) % 100:00}");
        await fan.GetByLabel("CVC").FillAsync("123");
        await Browsers.ScreenshotAsync(fan, "checkout");
        await fan.GetByRole(AriaRole.Button, new() { NameRegex = PayButton() }).ClickAsync();

        await Expect(fan.GetByText("Order confirmed!")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var tickets = fan.GetByRole(AriaRole.Img, new() { NameRegex = QrCode() });
        await Expect(tickets).ToHaveCountAsync(2);
        await Expect(tickets.First).ToHaveAttributeAsync("src", DataPng());
        await Browsers.ScreenshotAsync(fan, "order-with-qr-tickets");

        foreach (var seat in picked)
        {
            await Expect(Storefront.Seat(watcher, seat)).ToHaveAttributeAsync("data-state", "sold");
        }
        await Browsers.ScreenshotAsync(watcher, "second-browser-sees-seats-sold");

        await fan.GetByRole(AriaRole.Link, new() { Name = "My Orders" }).ClickAsync();
        await Expect(fan.GetByRole(AriaRole.Link, new() { NameRegex = ChappelleOrder() })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Checkout_DeclinedCard_SaysSoKeepsTheHoldAndAnotherCardPaysThenCancels()
    {
        var seats = await Storefront.AvailableSeatsAsync(system.Gateway, Storefront.Chappelle);
        var (section, seat) = seats[seats.Length / 3];

        var fan = await browsers.NewPageAsync(system.Gateway);
        await Storefront.SignUpAsync(fan);
        await fan.GotoAsync($"/events/{Storefront.Chappelle}");
        await Storefront.ChooseSectionAsync(fan, section);
        await Storefront.Seat(fan, seat).ClickAsync();
        await fan.GetByRole(AriaRole.Button, new() { Name = "Reserve 1 seat" }).ClickAsync();
        await fan.GetByRole(AriaRole.Link, new() { Name = "Checkout" }).ClickAsync();

        await fan.GetByLabel("Name on card").FillAsync("Browser Fan");
        await fan.GetByLabel("Card number").FillAsync("4242 4242 4242 4241");
        await fan.GetByLabel("Expiry (MM/YY)").FillAsync("13/99");
        await fan.GetByRole(AriaRole.Button, new() { NameRegex = PayButton() }).ClickAsync();
        await Expect(fan.GetByText("Enter a valid card number")).ToBeVisibleAsync();
        await Expect(fan.GetByText("Use MM/YY")).ToBeVisibleAsync();
        await Expect(fan.GetByText("3 or 4 digits")).ToBeVisibleAsync();

        await fan.GetByLabel("Card number").FillAsync("4000 0000 0000 0002");
        await fan.GetByLabel("Expiry (MM/YY)").FillAsync($"12/{(DateTime.UtcNow.Year + 3) % 100:00}");
        await fan.GetByLabel("CVC").FillAsync("123");
        await fan.GetByRole(AriaRole.Button, new() { NameRegex = PayButton() }).ClickAsync();
        await Expect(fan.GetByRole(AriaRole.Alert)).ToContainTextAsync("declined");
        await Expect(fan.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your seats are still held");
        await Expect(fan.GetByTestId("countdown")).ToBeVisibleAsync();
        await Browsers.ScreenshotAsync(fan, "checkout-declined");

        await fan.GetByLabel("Card number").FillAsync(Storefront.ApprovedCard);
        await fan.GetByRole(AriaRole.Button, new() { NameRegex = PayButton() }).ClickAsync();
        await Expect(fan.GetByText("Order confirmed!")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(fan.GetByRole(AriaRole.Img, new() { NameRegex = QrCode() })).ToHaveCountAsync(1);

        // Changed their mind: cancelling gives the seat back.
        fan.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await fan.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        await Expect(fan.GetByText("cancelled", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(fan.GetByRole(AriaRole.Img, new() { NameRegex = QrCode() })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Hold_RunsOut_PageSaysSoAndSeatIsBackOnSale()
    {
        var seats = await Storefront.AvailableSeatsAsync(system.Gateway, Storefront.Chappelle);
        var (section, seat) = seats[seats.Length / 2];

        var fan = await browsers.NewPageAsync(system.Gateway, 390, 844);
        await Storefront.SignUpAsync(fan);
        await fan.GotoAsync($"/events/{Storefront.Chappelle}");
        await Storefront.ChooseSectionAsync(fan, section);
        await Storefront.Seat(fan, seat).ClickAsync();
        await fan.GetByRole(AriaRole.Button, new() { Name = "Reserve 1 seat" }).ClickAsync();
        await Expect(fan.GetByTestId("countdown")).ToBeVisibleAsync();
        await Expect(Storefront.Seat(fan, seat)).ToHaveAttributeAsync("data-state", "mine");

        // The end-to-end system holds seats for SystemFixture.HoldDuration, not 10 minutes.
        var patience = new LocatorAssertionsToBeVisibleOptions { Timeout = (float)(SystemFixture.HoldDuration + TimeSpan.FromSeconds(30)).TotalMilliseconds };
        await Expect(fan.GetByText("Your hold has expired")).ToBeVisibleAsync(patience);
        await Expect(fan.GetByTestId("hold-panel")).ToHaveCountAsync(0);
        await Expect(Storefront.Seat(fan, seat)).ToHaveAttributeAsync("data-state", "available");
        await Browsers.ScreenshotAsync(fan, "hold-expired-phone");
    }

    [Fact]
    public async Task SeatMap_OnAPhone_SeatsAreFingerSizedATapPicksTheSeatUnderItAndTheWholeRowIsReachable()
    {
        var seats = await Storefront.AvailableSeatsAsync(system.Gateway, Storefront.Chappelle);
        var section = seats[0].Section;
        var phone = await browsers.NewPhoneAsync(system.Gateway);
        await Storefront.SignUpAsync(phone);
        await phone.GotoAsync($"/events/{Storefront.Chappelle}");
        await Storefront.ChooseSectionAsync(phone, section);
        var firstRow = phone.GetByTestId("seat-map").GetByRole(AriaRole.Row).First;
        await Expect(firstRow.Locator("[data-seat]").First).ToBeVisibleAsync();

        // Every seat of the row is a target of at least 24x24 CSS px at the zoom the map opens at (WCAG 2.5.8).
        var rowSeats = firstRow.Locator("[data-seat]");
        var boxes = await rowSeats.EvaluateAllAsync<double[][]>("seats => seats.map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height]; })");
        Assert.NotEmpty(boxes);
        Assert.All(boxes, box => Assert.True(box[0] >= 24 && box[1] >= 24, $"a seat is {box[0]}x{box[1]} px"));

        // A tap on the centre of an available seat picks that seat, not a neighbour.
        var middle = Storefront.Seat(phone, (await firstRow.Locator("[data-seat][data-state='available']").Nth(1).GetAttributeAsync("data-seat"))!);
        await TapCentreAsync(phone, middle);
        await Expect(middle).ToHaveAttributeAsync("data-state", "selected");
        Assert.Equal(1, await phone.GetByTestId("seat-map").Locator("[data-state='selected']").CountAsync());

        // The row's last seat is reached by scrolling the map sideways, and picked with a tap there.
        await phone.GetByTestId("seat-map").EvaluateAsync("map => { map.scrollLeft = map.scrollWidth; }");
        var last = Storefront.Seat(phone, (await firstRow.Locator("[data-seat][data-state='available']").Last.GetAttributeAsync("data-seat"))!);
        var mapBox = (await phone.GetByTestId("seat-map").BoundingBoxAsync())!;
        var lastBox = (await last.BoundingBoxAsync())!;
        Assert.True(lastBox.X >= mapBox.X && lastBox.X + lastBox.Width <= mapBox.X + mapBox.Width, "the row's last seat is inside the map's frame");
        await TapCentreAsync(phone, last);
        await Expect(last).ToHaveAttributeAsync("data-state", "selected");
        await Browsers.ScreenshotAsync(phone, "seat-map-phone", fullPage: false);
    }

    [Fact]
    public async Task Pages_EachHaveATitleOfTheirOwn_NamedAfterTheirHeading()
    {
        var fan = await browsers.NewPageAsync(system.Gateway);
        await fan.GotoAsync("/");
        await Expect(fan).ToHaveTitleAsync("Find your next experience · Ticketing");
        await fan.GotoAsync($"/events/{Storefront.Chappelle}");
        await Expect(fan).ToHaveTitleAsync("Dave Chappelle - Live Comedy · Ticketing");
        await fan.GotoAsync("/login");
        await Expect(fan).ToHaveTitleAsync("Sign in · Ticketing");
        await Storefront.SignUpAsync(fan);
        await fan.GotoAsync("/orders");
        await Expect(fan).ToHaveTitleAsync("My orders · Ticketing");
        await fan.GotoAsync("/no-such-page");
        await Expect(fan).ToHaveTitleAsync("Page not found · Ticketing");
    }

    private static async Task TapCentreAsync(IPage page, ILocator seat)
    {
        await seat.ScrollIntoViewIfNeededAsync();
        var box = (await seat.BoundingBoxAsync())!;
        await page.Touchscreen.TapAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
    }

    [GeneratedRegex(@"^Row \w+, seat \d+, (VIP|premium|standard|economy), \$[\d,.]+, available$")]
    private static partial Regex SeatLabel();

    [GeneratedRegex(@"^\d+:\d\d$")]
    private static partial Regex CountdownText();

    [GeneratedRegex("^Release row")]
    private static partial Regex ReleaseButton();

    [GeneratedRegex("^Pay ")]
    private static partial Regex PayButton();

    [GeneratedRegex("^QR code for")]
    private static partial Regex QrCode();

    [GeneratedRegex("^data:image/png;base64,")]
    private static partial Regex DataPng();

    [GeneratedRegex("Dave Chappelle")]
    private static partial Regex ChappelleOrder();
}
