using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ticketing.Orders.Domain;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Orders.Tests;

[Collection(PurchaseCollection.Name)]
public sealed class OrderLifecycleTests(PurchaseSystem system)
{
    [Fact]
    public async Task Cancel_TwoAtOnce_RefundsOnceAndReturnsTheSeats()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, orderId, seats) = await system.BuyAsync(eventId);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancels = Enumerable.Range(0, 2).Select(async _ =>
        {
            using var orders = system.OrdersAs(userId);
            await go.Task;
            return await orders.PostAsync($"/api/v1/checkout/orders/{orderId}/cancel", null);
        }).ToArray();
        go.SetResult();
        var responses = await Task.WhenAll(cancels);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var cancelled = await PurchaseSystem.ReadAsync<JsonElement>(responses.Single(r => r.IsSuccessStatusCode));
        Assert.Equal("cancelled", cancelled.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(1, await system.QueryOrdersDbAsync(db => db.SimulatedRefunds.CountAsync(r => r.IdempotencyKey.StartsWith($"refund:{orderId}"))));
        Assert.Superset(seats.ToHashSet(), (await system.AvailableSeatsAsync(eventId)).ToHashSet());

        using var owner = system.OrdersAs(userId);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.GetAsync($"/api/v1/checkout/orders/{orderId}/tickets")).StatusCode);
    }

    [Fact]
    public async Task Cancel_AnOrderThatIsNotCompleted_Is409()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, _) = await system.HoldSeatsAsync(eventId, 1);
        using var orders = system.OrdersAs(userId);
        var declined = await PurchaseSystem.CheckoutAsync(orders, PurchaseSystem.DeclinedCard);
        var orderId = JsonDocument.Parse(await declined.Content.ReadAsStringAsync()).RootElement.GetProperty("order_id").GetGuid();

        var response = await orders.PostAsync($"/api/v1/checkout/orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Only completed orders can be cancelled", await PurchaseSystem.DetailAsync(response));
    }

    [Fact]
    public async Task Cancel_AfterATicketWasScanned_Is409AndRefundsNothing()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, orderId, _) = await system.BuyAsync(eventId, 2);
        using var owner = system.OrdersAs(userId);
        var code = (await TicketCodesAsync(owner, orderId))[0];
        using var gate = system.OrdersAs(Guid.NewGuid(), Roles.Admin);
        (await gate.PostAsJsonAsync("/api/v1/checkout/tickets/verify", new { code })).EnsureSuccessStatusCode();

        var response = await owner.PostAsync($"/api/v1/checkout/orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already used at the gate", await PurchaseSystem.DetailAsync(response));
        Assert.Equal(("completed", 0), await system.QueryOrdersDbAsync(async db => (
            (await db.Orders.SingleAsync(o => o.Id == orderId)).Status.ToWire(),
            await db.SimulatedRefunds.CountAsync(r => r.IdempotencyKey.StartsWith($"refund:{orderId}")))));
        // The other ticket of the order was not voided by the refused cancel.
        Assert.Equal(0, await system.QueryOrdersDbAsync(db => db.Tickets.CountAsync(t => t.OrderId == orderId && t.VoidedAt != null)));
    }

    [Fact]
    public async Task Cancel_ScanAndCancelAtOnce_NeverBoth()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        for (var round = 0; round < 10; round++)
        {
            var (userId, orderId, _) = await system.BuyAsync(eventId, 1);
            using var owner = system.OrdersAs(userId);
            var code = (await TicketCodesAsync(owner, orderId))[0];
            using var gate = system.OrdersAs(Guid.NewGuid(), Roles.Admin);

            var scan = gate.PostAsJsonAsync("/api/v1/checkout/tickets/verify", new { code });
            var cancel = owner.PostAsync($"/api/v1/checkout/orders/{orderId}/cancel", null);
            var (scanned, cancelled) = ((await scan).IsSuccessStatusCode, (await cancel).IsSuccessStatusCode);

            Assert.True(scanned ^ cancelled, $"round {round}: scanned {scanned}, cancelled {cancelled}");
        }
    }

    [Fact]
    public async Task Cancel_AfterTheEventStarted_Is409()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, orderId, _) = await system.BuyAsync(eventId, 1);
        await system.QueryOrdersDbAsync(db => db.Orders.Where(o => o.Id == orderId)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.EventDate, DateTimeOffset.UtcNow.AddMinutes(-1))));
        using var owner = system.OrdersAs(userId);

        var response = await owner.PostAsync($"/api/v1/checkout/orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("event has started", await PurchaseSystem.DetailAsync(response));
    }

    [Fact]
    public async Task Cancel_TicketsAreVoidAtOnce_EvenWhileTheRefundWaitsForTheProvider()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, orderId, _) = await system.BuyAsync(eventId, 1);
        using var owner = system.OrdersAs(userId);
        var code = (await TicketCodesAsync(owner, orderId))[0];
        using var gate = system.OrdersAs(Guid.NewGuid(), Roles.Admin);
        await system.SetSimulatorAsync(new { outage = true });
        try
        {
            var cancel = await owner.PostAsync($"/api/v1/checkout/orders/{orderId}/cancel", null);
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

            var scan = await gate.PostAsJsonAsync("/api/v1/checkout/tickets/verify", new { code });

            Assert.Equal(HttpStatusCode.BadRequest, scan.StatusCode);
            Assert.Equal("Ticket was cancelled", await PurchaseSystem.DetailAsync(scan));
        }
        finally
        {
            await system.SetSimulatorAsync(new { outage = false });
        }
    }

    private static async Task<string[]> TicketCodesAsync(HttpClient owner, Guid orderId) =>
        (await PurchaseSystem.ReadAsync<JsonElement[]>(await owner.GetAsync($"/api/v1/checkout/orders/{orderId}/tickets")))
            .Select(t => t.GetProperty("code").GetString()!).ToArray();

    [Fact]
    public async Task Orders_OfAnotherFan_DoNotExist()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (_, orderId, _) = await system.BuyAsync(eventId);
        using var stranger = system.OrdersAs(Guid.NewGuid());

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/checkout/orders/{orderId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/checkout/orders/{orderId}/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/checkout/orders/{orderId}/cancel", null)).StatusCode);
        Assert.DoesNotContain(await PurchaseSystem.ReadAsync<JsonElement[]>(await stranger.GetAsync("/api/v1/checkout/orders")),
            o => o.GetProperty("id").GetGuid() == orderId);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/api/v1/checkout/orders/not-a-uuid")).StatusCode);
    }

    [Fact]
    public async Task Ticket_ScannedOnce_SecondScanRefused_ForgedCodeInvalid_UsersCanNotScan()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, orderId, _) = await system.BuyAsync(eventId, 1);
        using var owner = system.OrdersAs(userId);
        var ticket = Assert.Single(await PurchaseSystem.ReadAsync<JsonElement[]>(await owner.GetAsync($"/api/v1/checkout/orders/{orderId}/tickets")));
        var code = ticket.GetProperty("code").GetString()!;
        using var gate = system.OrdersAs(Guid.NewGuid(), Roles.Admin);

        var first = await gate.PostAsJsonAsync("/api/v1/checkout/tickets/verify", new { code });
        Assert.Equal("valid", (await PurchaseSystem.ReadAsync<JsonElement>(first)).GetProperty("result").GetString());
        var second = await gate.PostAsJsonAsync("/api/v1/checkout/tickets/verify", new { code });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var forged = code[..^2] + (code[^2] == 'A' ? "BB" : "AA");
        Assert.Equal(HttpStatusCode.BadRequest, (await gate.PostAsJsonAsync("/api/v1/checkout/tickets/verify", new { code = forged })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await gate.PostAsJsonAsync("/api/v1/checkout/tickets/verify", new { code = "<script>" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsJsonAsync("/api/v1/checkout/tickets/verify", new { code })).StatusCode);
    }

    [Fact]
    public async Task SalesReport_CountsCompletedOrders_ForAdminsOnly()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        await system.BuyAsync(eventId, 2);
        await system.BuyAsync(eventId, 1);
        using var admin = system.OrdersAs(Guid.NewGuid(), Roles.Admin);

        var report = await PurchaseSystem.ReadAsync<JsonElement>(await admin.GetAsync($"/api/v1/checkout/admin/events/{eventId}/sales"));

        Assert.Equal(2, report.GetProperty("orders").GetInt32());
        Assert.Equal(3, report.GetProperty("tickets_sold").GetInt32());
        Assert.True(report.GetProperty("revenue").GetDecimal() >= 150m);
        using var fan = system.OrdersAs(Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Forbidden, (await fan.GetAsync($"/api/v1/checkout/admin/events/{eventId}/sales")).StatusCode);
    }
}
