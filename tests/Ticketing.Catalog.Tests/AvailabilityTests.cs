using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Inventory.Contracts.Messages;
using Ticketing.Testing;

namespace Ticketing.Catalog.Tests;

/// <summary><c>available_seats</c> follows inventory's counts, newest first, never backwards.</summary>
public sealed class AvailabilityTests
{
    [Fact]
    public async Task AvailabilityChanged_NewerCount_ShowsInEventDetailAndOlderIsIgnored()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id, onSaleDate: DateTimeOffset.UtcNow.AddMinutes(-1));
        var bus = (await CatalogHost.GetAsync()).Services.GetRequiredService<IBus>();
        using var http = await CatalogHost.AnonymousAsync();
        var asOf = DateTimeOffset.UtcNow;

        await bus.Publish(new AvailabilityChanged(created.Id, 17, 3, 20, 40, asOf));
        await Eventually.TrueAsync(async () => (await AvailableSeatsAsync(http, created.Id)) == 17, TimeSpan.FromSeconds(10), "the count shows");

        await bus.Publish(new AvailabilityChanged(created.Id, 99, 0, 0, 40, asOf.AddMinutes(-1)));
        await Assert.ThrowsAsync<TimeoutException>(() => Eventually.TrueAsync(
            async () => (await AvailableSeatsAsync(http, created.Id)) != 17, TimeSpan.FromSeconds(2), "an older count overwrote a newer one"));

        await bus.Publish(new AvailabilityChanged(created.Id, 12, 3, 25, 40, asOf.AddSeconds(1)));
        await Eventually.TrueAsync(async () => (await AvailableSeatsAsync(http, created.Id)) == 12, TimeSpan.FromSeconds(10), "a newer count shows");
    }

    private static async Task<int> AvailableSeatsAsync(HttpClient http, Guid eventId) =>
        (await (await http.GetAsync($"/api/v1/events/{eventId}")).ReadAsync<EventDto>()).AvailableSeats;
}
