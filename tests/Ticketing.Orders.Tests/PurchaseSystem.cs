using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Catalog.Data;
using Ticketing.Inventory.Data;
using Ticketing.Orders.Data;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.Testing;

namespace Ticketing.Orders.Tests;

/// <summary>
/// Catalog, inventory and orders, each a real service with its own database, on one RabbitMQ
/// virtual host, as the AppHost wires them. Holds last <see cref="HoldSeconds"/>; the simulated
/// payment provider answers in 20-60 ms and declines only its decline test card.
/// </summary>
public sealed class PurchaseSystem : IAsyncLifetime
{
    public const int HoldSeconds = 8;
    public const string GoodCard = "card:4242";
    public const string DeclinedCard = "card:0002";
    private static readonly InternalIdentitySigner Signer = new(IdentityExtensions.DevelopmentSigningKey);
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private Dictionary<string, string?> _ordersSettings = null!;

    public ServiceHost<CatalogDbContext> Catalog { get; private set; } = null!;

    public ServiceHost<InventoryDbContext> Inventory { get; private set; } = null!;

    public ServiceHost<OrdersDbContext> Orders { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var rabbit = await infrastructure.NewRabbitMqConnectionStringAsync("purchase");
        Catalog = await ServiceHost<CatalogDbContext>.StartServiceAsync("catalog", rabbitMq: rabbit);
        Inventory = await ServiceHost<InventoryDbContext>.StartServiceAsync("inventory", new Dictionary<string, string?>
        {
            ["Holds:HoldDuration"] = $"00:00:{HoldSeconds:00}",
            ["Holds:SweepInterval"] = "00:00:00.200",
        }, rabbit);
        _ordersSettings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ordersdb"] = infrastructure.PostgresConnectionString($"orders_{Guid.NewGuid():N}"),
            ["ConnectionStrings:redis"] = infrastructure.RedisConnectionString,
            ["ConnectionStrings:rabbitmq"] = rabbit,
            ["services:inventory:grpc:0"] = Inventory.GrpcAddress.ToString(),
            ["services:catalog:grpc:0"] = Catalog.GrpcAddress.ToString(),
            ["PaymentSimulator:MinLatency"] = "00:00:00.020",
            ["PaymentSimulator:MaxLatency"] = "00:00:00.060",
            ["PaymentSimulator:DeclineRate"] = "0",
            // Short, so a test that opened it does not leave the next tests refused for long.
            ["Resilience:Payments:BreakDuration"] = "00:00:01",
            ["Resilience:Payments:SamplingDuration"] = "00:00:05",
        };
        Orders = await ServiceHost<OrdersDbContext>.StartAsync(_ordersSettings);
    }

    /// <summary>Stops the orders service; its unacknowledged messages go back to RabbitMQ for the next one.</summary>
    public Task StopOrdersAsync() => Orders.DisposeAsync().AsTask();

    /// <summary>Starts a fresh orders service on the same database and virtual host.</summary>
    public async Task StartOrdersAsync() => Orders = await ServiceHost<OrdersDbContext>.StartAsync(_ordersSettings);

    public async Task DisposeAsync()
    {
        await Orders.DisposeAsync();
        await Inventory.DisposeAsync();
        await Catalog.DisposeAsync();
    }

    /// <summary>
    /// A venue of 2 sections (Front 2x10 vip at 150, Back <paramref name="backRows"/>x25 standard at 50: 120 seats by default)
    /// and an event on sale now.
    /// </summary>
    public async Task<Guid> CreateEventOnSaleAsync(int maxTicketsPerUser = 4, int backRows = 4)
    {
        using var admin = Client(Catalog, "catalog", Guid.NewGuid(), Roles.Admin);
        var venue = await ReadAsync<JsonElement>(await admin.PostAsJsonAsync("/api/v1/venues", new
        {
            name = $"Hall {Guid.NewGuid():N}"[..14], address = "1 Test Street", city = "Testville", country = "UK",
            sections = new object[]
            {
                new { name = "Front", row_count = 2, seats_per_row = 10, base_price = 150m, price_tier = "vip", position_x = 0, position_y = 0 },
                new { name = "Back", row_count = backRows, seats_per_row = 25, base_price = 50m, price_tier = "standard", position_x = 0, position_y = 1 },
            },
        }, Json));
        var created = await ReadAsync<JsonElement>(await admin.PostAsJsonAsync("/api/v1/events", new
        {
            name = "Purchase Test Night", description = "test", venue_id = venue.GetProperty("id").GetGuid(), artist = "The Testers",
            category = "concert", event_date = DateTimeOffset.UtcNow.AddDays(30), on_sale_date = DateTimeOffset.UtcNow.AddMinutes(-1),
            max_tickets_per_user = maxTicketsPerUser,
        }, Json));
        var eventId = created.GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => (await AvailableSeatsAsync(eventId)).Length == 20 + (backRows * 25), TimeSpan.FromSeconds(30), "seats materialised");
        return eventId;
    }

    /// <summary>The organiser cancels the event (catalog announces it; inventory and orders act on it).</summary>
    public async Task CancelEventAsync(Guid eventId)
    {
        using var admin = Client(Catalog, "catalog", Guid.NewGuid(), Roles.Admin);
        await ReadAsync<JsonElement>(await admin.PatchAsJsonAsync($"/api/v1/events/{eventId}/status", new { status = "cancelled" }, Json));
    }

    public HttpClient InventoryAs(Guid userId) => Client(Inventory, "inventory", userId, Roles.User);

    public HttpClient OrdersAs(Guid userId, string role = Roles.User) => Client(Orders, "orders", userId, role);

    public async Task<Guid[]> AvailableSeatsAsync(Guid eventId, string status = "available")
    {
        using var http = Inventory.CreateHttpClient();
        var map = await http.GetFromJsonAsync<JsonElement>($"/api/v1/seats/{eventId}/availability");
        return map.EnumerateArray().SelectMany(s => s.GetProperty("seats").EnumerateArray())
            .Where(s => s.GetProperty("status").GetString() == status).Select(s => s.GetProperty("id").GetGuid()).ToArray();
    }

    /// <summary>Reserves <paramref name="count"/> free seats for a new fan; answers the fan and the seats.</summary>
    public async Task<(Guid UserId, Guid[] Seats)> HoldSeatsAsync(Guid eventId, int count = 2)
    {
        var userId = Guid.NewGuid();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var seats = (await AvailableSeatsAsync(eventId)).OrderBy(_ => Random.Shared.Next()).Take(count).ToArray();
            using var http = InventoryAs(userId);
            var response = await http.PostAsJsonAsync($"/api/v1/seats/{eventId}/reserve", new { seat_ids = seats });
            if (response.IsSuccessStatusCode)
            {
                return (userId, seats);
            }
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        }
        throw new InvalidOperationException("could not hold seats");
    }

    /// <summary>A fresh user's hold of <paramref name="count"/> seats, as their reservation reads it.</summary>
    public async Task<HeldSeats> HoldAsync(Guid eventId, int count = 2)
    {
        var (userId, seats) = await HoldSeatsAsync(eventId, count);
        using var inventory = InventoryAs(userId);
        var hold = (await inventory.GetFromJsonAsync<JsonElement[]>("/api/v1/seats/reservations"))!.Single();
        return new HeldSeats(userId, seats, hold.GetProperty("hold_id").GetGuid(), hold.GetProperty("total_price").GetDecimal(),
            hold.GetProperty("expires_at").GetDateTimeOffset());
    }

    /// <summary>Changes the payment simulator of the running orders service (admin endpoint).</summary>
    public async Task SetSimulatorAsync(object change)
    {
        using var admin = OrdersAs(Guid.NewGuid(), Roles.Admin);
        await ReadAsync<JsonElement>(await admin.PostAsJsonAsync("/api/v1/checkout/admin/payment-simulator", change, Json));
    }

    /// <summary>Holds two seats for a new fan and buys them; answers the fan and the completed order's id.</summary>
    public async Task<(Guid UserId, Guid OrderId, Guid[] Seats)> BuyAsync(Guid eventId, int count = 2)
    {
        var (userId, seats) = await HoldSeatsAsync(eventId, count);
        using var orders = OrdersAs(userId);
        var body = await ReadAsync<JsonElement>(await CheckoutAsync(orders));
        Assert.Equal("completed", body.GetProperty("order").GetProperty("status").GetString());
        return (userId, body.GetProperty("order").GetProperty("id").GetGuid(), seats);
    }

    public static Task<HttpResponseMessage> CheckoutAsync(HttpClient orders, string paymentMethod = GoodCard, string? key = null, Guid? eventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new { payment_method = paymentMethod, event_id = eventId }, options: Json),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return orders.SendAsync(request);
    }

    public async Task<T> QueryOrdersDbAsync<T>(Func<OrdersDbContext, Task<T>> query)
    {
        await using var scope = Orders.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OrdersDbContext>());
    }

    public Task<int> ChargesAsync(Guid orderId) =>
        QueryOrdersDbAsync(db => db.SimulatedPayments.CountAsync(p => p.IdempotencyKey == $"order:{orderId}" && p.PaymentId != null));

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public static async Task<string> DetailAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).GetProperty("detail").GetString()!;

    private static HttpClient Client<T>(ServiceHost<T> host, string service, Guid userId, string role) where T : class
    {
        var http = host.CreateHttpClient();
        http.DefaultRequestHeaders.Add(InternalIdentityToken.Header,
            Signer.Create(new CallerIdentity(userId, role, "test"), service, DateTimeOffset.UtcNow));
        return http;
    }
}

[CollectionDefinition(Name)]
public sealed class PurchaseCollection : ICollectionFixture<PurchaseSystem>
{
    public const string Name = "purchase";
}

public sealed record HeldSeats(Guid UserId, Guid[] Seats, Guid HoldId, decimal Amount, DateTimeOffset ExpiresAt);
