using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ticketing.EndToEnd.Tests.Browser;

/// <summary>A developer opens the API reference: it renders the services' documents under the gateway's content policy.</summary>
[Collection(SystemCollection.Name)]
public sealed class ApiReferenceBrowserTests(SystemFixture system, Browsers browsers) : IClassFixture<Browsers>
{
    [Fact]
    public async Task Developer_OpensApiDocs_SeesEveryServiceAndItsOperations_WithNoPolicyViolation()
    {
        var page = await browsers.NewPageAsync(system.Gateway);
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add(message.Text);
            }
        };

        await page.GotoAsync("/api/docs");

        // The catalog's document opens first, with its operations; the other services are a choice away.
        await Expect(page.GetByText("/api/v1/events/{id}").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ticketing catalog" }).First.ClickAsync();
        foreach (var service in new[] { "identity", "inventory", "queue", "orders" })
        {
            await Expect(page.GetByText($"Ticketing {service}").First).ToBeVisibleAsync();
        }
        await page.GetByText("Ticketing orders").First.ClickAsync();
        await Expect(page.GetByText("/api/v1/checkout").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Empty(refused);
    }
}
