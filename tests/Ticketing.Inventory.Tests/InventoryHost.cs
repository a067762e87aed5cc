using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Inventory.Data;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.Testing;

namespace Ticketing.Inventory.Tests;

/// <summary>
/// The inventory service on real stores, with holds that last <c>HoldSeconds</c>; events are
/// created the way catalog creates them, by publishing <see cref="EventCreated"/>.
/// </summary>
public sealed class InventoryHost : IAsyncLifetime
{
    // Long enough that no hold of the 1,000-hold race runs out before the test reads the map on a busy machine.
    public const int HoldSeconds = 10;
    private static readonly InternalIdentitySigner Signer = new(IdentityExtensions.DevelopmentSigningKey);

    public ServiceHost<InventoryDbContext> Host { get; private set; } = null!;

    /// <summary>A Redis of the test's own (a cluster it breaks) instead of the shared one.</summary>
    public string? RedisConnectionString { get; init; }

    public TimeSpan HoldDuration { get; init; } = TimeSpan.FromSeconds(HoldSeconds);

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Holds:HoldDuration"] = HoldDuration.ToString(),
            ["Holds:SweepInterval"] = "00:00:00.200",
        };
        if (RedisConnectionString is not null)
        {
            settings["ConnectionStrings:redis"] = RedisConnectionString;
        }
        Host = await ServiceHost<InventoryDbContext>.StartServiceAsync("inventory", settings);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Publishes a new on-sale event with the given sections and waits until its seats show.</summary>
    public async Task<Guid> CreateEventAsync(int maxTicketsPerUser = 4, string status = "on_sale", bool waitingRoom = false, params SeatSectionLayout[] sections) =>
        await CreateEventAsync(Guid.NewGuid(), maxTicketsPerUser, status, waitingRoom, sections);

    /// <summary>The same, for an id chosen by the test (one whose keys live on a given Redis Cluster node).</summary>
    public async Task<Guid> CreateEventAsync(Guid eventId, int maxTicketsPerUser = 4, string status = "on_sale", bool waitingRoom = false, params SeatSectionLayout[] sections)
    {
        var expected = await PublishEventCreatedAsync(eventId, maxTicketsPerUser, status, waitingRoom, sections);
        using var http = Host.CreateHttpClient();
        await Eventually.TrueAsync(async () => (await AvailabilityAsync(http, eventId)).Sum(s => s.GetProperty("total").GetInt32()) == expected,
            TimeSpan.FromSeconds(20), "seats materialised");
        return eventId;
    }

    /// <summary>Publishes catalog's EventCreated for <paramref name="eventId"/> (two sections by default); returns its number of seats.</summary>
    public async Task<int> PublishEventCreatedAsync(
        Guid eventId, int maxTicketsPerUser = 4, string status = "on_sale", bool waitingRoom = false, params SeatSectionLayout[] sections)
    {
        if (sections.Length == 0)
        {
            sections = [new SeatSectionLayout("Floor", "vip", 10, 20, 250m), new SeatSectionLayout("Upper", "economy", 10, 30, 80m)];
        }
        var bus = Host.Services.GetRequiredService<IBus>();
        await bus.Publish(new EventCreated(eventId, Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(30), DateTimeOffset.UtcNow.AddDays(-1),
            status, maxTicketsPerUser, waitingRoom, 5000, sections));
        return sections.Sum(s => s.RowCount * s.SeatsPerRow);
    }

    /// <summary>A second inventory instance on the same stores (and signing key): the two must behave as one.</summary>
    public Task<ServiceHost<InventoryDbContext>> StartAnotherInstanceAsync(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>(Host.Settings);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        return ServiceHost<InventoryDbContext>.StartAsync(all);
    }

    public HttpClient UserClient(Guid userId)
    {
        var http = Host.CreateHttpClient();
        http.DefaultRequestHeaders.Add(InternalIdentityToken.Header,
            Signer.Create(new CallerIdentity(userId, Roles.User, "test"), "inventory", DateTimeOffset.UtcNow));
        return http;
    }

    public static async Task<JsonElement[]> AvailabilityAsync(HttpClient http, Guid eventId) =>
        (await http.GetFromJsonAsync<JsonElement>($"/api/v1/seats/{eventId}/availability")).EnumerateArray().ToArray();

    public static async Task<Guid[]> SeatIdsAsync(HttpClient http, Guid eventId, string status = "available") =>
        (await AvailabilityAsync(http, eventId)).SelectMany(s => s.GetProperty("seats").EnumerateArray())
            .Where(s => s.GetProperty("status").GetString() == status).Select(s => s.GetProperty("id").GetGuid()).ToArray();

    public static Task<HttpResponseMessage> ReserveAsync(HttpClient http, Guid eventId, params Guid[] seats) =>
        http.PostAsJsonAsync($"/api/v1/seats/{eventId}/reserve", new { seat_ids = seats.Select(s => s.ToString()) });

    public static Task<HttpResponseMessage> ReleaseAsync(HttpClient http, Guid eventId, params Guid[] seats) =>
        http.PostAsJsonAsync($"/api/v1/seats/{eventId}/release", new { seat_ids = seats.Select(s => s.ToString()) });
}

[CollectionDefinition(Name)]
public sealed class InventoryCollection : ICollectionFixture<InventoryHost>
{
    public const string Name = "inventory";
}
