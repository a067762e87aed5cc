using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Orders.Purchases;
using Ticketing.Testing;

namespace Ticketing.Orders.Tests;

[Collection(PurchaseCollection.Name)]
public sealed class CheckoutTests(PurchaseSystem system)
{
    [Fact]
    public async Task Checkout_HeldSeats_CompletesOrderWithTicketsAndSellsTheSeats()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, seats) = await system.HoldSeatsAsync(eventId, 2);
        using var orders = system.OrdersAs(userId);

        var response = await PurchaseSystem.CheckoutAsync(orders);

        var body = await PurchaseSystem.ReadAsync<JsonElement>(response);
        var order = body.GetProperty("order");
        Assert.Equal("completed", order.GetProperty("status").GetString());
        Assert.Equal("Purchase Test Night", order.GetProperty("event_name").GetString());
        Assert.Equal("Order completed successfully", body.GetProperty("message").GetString());
        var items = body.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(seats.Order(), items.Select(i => i.GetProperty("seat_id").GetGuid()).Order());
        Assert.Equal(items.Sum(i => i.GetProperty("price").GetDecimal()), order.GetProperty("total_amount").GetDecimal());
        Assert.Superset(seats.ToHashSet(), (await system.AvailableSeatsAsync(eventId, "sold")).ToHashSet());

        var orderId = order.GetProperty("id").GetGuid();
        var tickets = await PurchaseSystem.ReadAsync<JsonElement[]>(await orders.GetAsync($"/api/v1/checkout/orders/{orderId}/tickets"));
        Assert.Equal(2, tickets.Length);
        Assert.All(tickets, t => Assert.StartsWith("data:image/png;base64,", t.GetProperty("qr_png").GetString(), StringComparison.Ordinal));
        var details = await PurchaseSystem.ReadAsync<JsonElement>(await orders.GetAsync($"/api/v1/checkout/orders/{orderId}"));
        Assert.Equal(2, details.GetProperty("seats").GetArrayLength());
        // The answer is built from the saga's report, not read back: it must show what a read shows.
        Assert.Equal(details.GetProperty("order").GetRawText(), order.GetRawText());
        Assert.False(string.IsNullOrEmpty(order.GetProperty("payment_id").GetString()));
        var history = await PurchaseSystem.ReadAsync<JsonElement[]>(await orders.GetAsync("/api/v1/checkout/orders"));
        Assert.Contains(history, o => o.GetProperty("id").GetGuid() == orderId);
        Assert.Equal(1, await system.ChargesAsync(orderId));
    }

    [Fact]
    public async Task Checkout_WithoutHold_Is400()
    {
        using var orders = system.OrdersAs(Guid.NewGuid());
        var response = await PurchaseSystem.CheckoutAsync(orders);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("No active reservation found", await PurchaseSystem.DetailAsync(response));
    }

    [Fact]
    public async Task Checkout_Purchase_RunsInTheRequestWithoutABrokerHop()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, seats) = await system.HoldSeatsAsync(eventId, 2);
        using var orders = system.OrdersAs(userId);
        var bus = system.Orders.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedMessages();
        using var observer = bus.ConnectConsumeObserver(consumed);

        var body = await PurchaseSystem.ReadAsync<JsonElement>(await PurchaseSystem.CheckoutAsync(orders));
        var orderId = body.GetProperty("order").GetProperty("id").GetGuid();
        var holdId = body.GetProperty("order").GetProperty("hold_id").GetGuid();

        Assert.Equal("completed", body.GetProperty("order").GetProperty("status").GetString());
        // Saga steps, payment and answer all ran in the request: none of this purchase's messages went through RabbitMQ.
        Assert.DoesNotContain(consumed.Messages, m => m.Contains(holdId.ToString(), StringComparison.Ordinal)
            || m.Contains(orderId.ToString(), StringComparison.Ordinal));
        Assert.Equal(PurchaseStates.Completed, await system.QueryOrdersDbAsync(db =>
            db.Purchases.Where(p => p.CorrelationId == holdId).Select(p => p.CurrentState).SingleAsync()));
        Assert.Superset(seats.ToHashSet(), (await system.AvailableSeatsAsync(eventId, "sold")).ToHashSet());
    }

    [Fact]
    public async Task Checkout_AfterHoldExpired_IsRefusedAndTheSeatsAreBackOnSale()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, seats) = await system.HoldSeatsAsync(eventId, 2);
        await Eventually.TrueAsync(async () => seats.All((await system.AvailableSeatsAsync(eventId)).Contains),
            TimeSpan.FromSeconds(PurchaseSystem.HoldSeconds + 5), "seats back on sale after expiry");

        using var orders = system.OrdersAs(userId);
        var response = await PurchaseSystem.CheckoutAsync(orders);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Reservation has expired", await PurchaseSystem.DetailAsync(response));
        // A hold that never reached checkout never touched orders: inventory alone knew it had run out.
        Assert.False(await system.QueryOrdersDbAsync(db => db.Purchases.AnyAsync(p => p.UserId == userId)));
    }

    [Fact]
    public async Task Checkout_DeclinedThenHoldRunsOut_PurchaseEndsExpiredAndCheckoutSaysSo()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, seats) = await system.HoldSeatsAsync(eventId, 2);
        using var orders = system.OrdersAs(userId);
        Assert.Equal(HttpStatusCode.PaymentRequired, (await PurchaseSystem.CheckoutAsync(orders, PurchaseSystem.DeclinedCard)).StatusCode);

        await Eventually.TrueAsync(() => system.QueryOrdersDbAsync(db => db.Purchases.AnyAsync(p => p.UserId == userId && p.CurrentState == PurchaseStates.Expired)),
            TimeSpan.FromSeconds(PurchaseSystem.HoldSeconds + 5), "the purchase that could not pay ended as expired with its hold");
        Assert.Superset(seats.ToHashSet(), (await system.AvailableSeatsAsync(eventId)).ToHashSet());
        var response = await PurchaseSystem.CheckoutAsync(orders, PurchaseSystem.GoodCard);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Reservation has expired", await PurchaseSystem.DetailAsync(response));
    }

    [Fact]
    public async Task Checkout_DeclinedCard_Is402AndKeepsTheHold_RetryWithAnotherCardSucceeds()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, seats) = await system.HoldSeatsAsync(eventId, 2);
        using var orders = system.OrdersAs(userId);

        var declined = await PurchaseSystem.CheckoutAsync(orders, PurchaseSystem.DeclinedCard);

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        Assert.Equal("Payment failed: Payment declined by issuer", await PurchaseSystem.DetailAsync(declined));
        Assert.Superset(seats.ToHashSet(), (await system.AvailableSeatsAsync(eventId, "held")).ToHashSet());

        var retried = await PurchaseSystem.CheckoutAsync(orders);
        var order = (await PurchaseSystem.ReadAsync<JsonElement>(retried)).GetProperty("order");
        Assert.Equal("completed", order.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Checkout_BadInput_Is400WithAMessage()
    {
        using var orders = system.OrdersAs(Guid.NewGuid());
        var missing = await orders.PostAsJsonAsync("/api/v1/checkout", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("payment_method is required", await PurchaseSystem.DetailAsync(missing));

        var noBody = await orders.PostAsync("/api/v1/checkout", content: null);
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.Equal("payment_method is required", await PurchaseSystem.DetailAsync(noBody));

        var malformed = await orders.PostAsync("/api/v1/checkout", new StringContent("{\"payment_method\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        var wrongType = await orders.PostAsync("/api/v1/checkout", new StringContent("{\"payment_method\":42}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);

        var hugeKey = await PurchaseSystem.CheckoutAsync(orders, key: new string('k', 300));
        Assert.Equal(HttpStatusCode.BadRequest, hugeKey.StatusCode);

        var notUuid = await orders.PostAsJsonAsync("/api/v1/checkout", new { payment_method = "card:4242", event_id = "nope" });
        Assert.Equal("event_id must be a UUID", await PurchaseSystem.DetailAsync(notUuid));
    }

    [Fact]
    public async Task Checkout_Anonymous_Is401()
    {
        using var anonymous = system.Orders.CreateHttpClient();
        var response = await PurchaseSystem.CheckoutAsync(anonymous);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>What the service's bus consumes while connected, each message as JSON.</summary>
    private sealed class ConsumedMessages : IConsumeObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IEnumerable<string> Messages => _messages;

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class
        {
            _messages.Enqueue(JsonSerializer.Serialize(context.Message));
            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
