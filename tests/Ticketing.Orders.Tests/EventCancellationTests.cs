using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ticketing.Orders.Cancellations;
using Ticketing.Orders.Domain;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.Testing;

namespace Ticketing.Orders.Tests;

/// <summary>An organiser cancels an event: every order is refunded in full once, its tickets stop admitting, its holds go.</summary>
[Collection(PurchaseCollection.Name)]
public sealed class EventCancellationTests(PurchaseSystem system)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task CancelledEvent_ThreeHundredOrders_EachRefundedInFullOnce_TicketsVoid_HoldsReleased()
    {
        const int buyers = 300;
        var eventId = await system.CreateEventOnSaleAsync(backRows: 13);
        var seats = await system.AvailableSeatsAsync(eventId);
        var bought = await ParallelAsync(buyers, i => BuyAsync(eventId, seats[i]));
        var holders = await ParallelAsync(5, i => HoldAsync(eventId, seats[buyers + i]));
        using var gate = system.OrdersAs(Guid.NewGuid(), Roles.Admin);
        var scanned = await TicketCodeAsync(bought[0]);
        Assert.Equal(HttpStatusCode.OK, (await gate.PostAsJsonAsync("/api/v1/checkout/tickets/verify", new { code = scanned })).StatusCode);
        var unscanned = await TicketCodeAsync(bought[1]);

        await system.CancelEventAsync(eventId);

        var orderIds = bought.Select(b => b.OrderId).ToArray();
        await Eventually.TrueAsync(
            () => system.QueryOrdersDbAsync(db => db.Orders.AllAsync(o => !orderIds.Contains(o.Id) || o.Status == OrderStatus.Cancelled)),
            Deadline, "every order of the cancelled event cancelled");
        var orders = await system.QueryOrdersDbAsync(db => db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToListAsync());
        Assert.Equal(buyers, orders.Count);
        Assert.All(orders, o =>
        {
            Assert.Equal(o.TotalAmount, o.RefundedAmount);
            Assert.Equal((OrderFailure.EventCancelled, CancelledEventRefunds.Reason), (o.FailureCode, o.FailureReason));
        });
        var refundKeys = orderIds.Select(id => $"refund:{id}:cancellation").ToArray();
        var refunds = await system.QueryOrdersDbAsync(db => db.SimulatedRefunds.Where(r => r.IdempotencyKey.StartsWith("refund:")).ToListAsync());
        Assert.Equal(buyers, refunds.Count(r => refundKeys.Contains(r.IdempotencyKey)));
        Assert.Equal(orders.Sum(o => o.TotalAmount), refunds.Where(r => refundKeys.Contains(r.IdempotencyKey)).Sum(r => r.Amount));
        Assert.Equal(0, await system.QueryOrdersDbAsync(db => db.Tickets.CountAsync(t => orderIds.Contains(t.OrderId) && t.VoidedAt == null)));

        foreach (var code in new[] { scanned, unscanned })
        {
            var scan = await gate.PostAsJsonAsync("/api/v1/checkout/tickets/verify", new { code });
            Assert.Equal(HttpStatusCode.BadRequest, scan.StatusCode);
            Assert.Equal("Ticket was cancelled", await PurchaseSystem.DetailAsync(scan));
        }
        // The holds are gone and nothing can be held or bought again; the sold seats stay sold (no resale of a cancelled event).
        foreach (var holder in holders)
        {
            using var inventory = system.InventoryAs(holder);
            Assert.Empty((await inventory.GetFromJsonAsync<JsonElement[]>("/api/v1/seats/reservations"))!);
            using var orders2 = system.OrdersAs(holder);
            Assert.Equal(HttpStatusCode.BadRequest, (await PurchaseSystem.CheckoutAsync(orders2)).StatusCode);
        }
        Assert.Empty(await system.AvailableSeatsAsync(eventId, "held"));
        Assert.Equal(buyers, (await system.AvailableSeatsAsync(eventId, "sold")).Length);
        using var late = system.InventoryAs(Guid.NewGuid());
        var reserve = await late.PostAsJsonAsync($"/api/v1/seats/{eventId}/reserve", new { seat_ids = new[] { seats[^1] } });
        Assert.Equal(HttpStatusCode.Conflict, reserve.StatusCode);
        await Eventually.TrueAsync(
            () => system.QueryOrdersDbAsync(db => db.EventCancellations.AnyAsync(c => c.EventId == eventId && c.RefundedAt != null)),
            Deadline, "the cancellation done");
    }

    [Fact]
    public async Task CancelledEvent_WhilePurchasesAreUnderWay_NothingStaysSoldWithoutARefund()
    {
        const int buyers = 60;
        var eventId = await system.CreateEventOnSaleAsync();
        var seats = await system.AvailableSeatsAsync(eventId);
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var completed = 0;
        var purchases = ParallelAsync(buyers, async i =>
        {
            var userId = Guid.NewGuid();
            using var inventory = system.InventoryAs(userId);
            var held = await inventory.PostAsJsonAsync($"/api/v1/seats/{eventId}/reserve", new { seat_ids = new[] { seats[i] } });
            if (held.IsSuccessStatusCode)
            {
                using var orders = system.OrdersAs(userId);
                var checkout = await PurchaseSystem.CheckoutAsync(orders);
                if (checkout.IsSuccessStatusCode && Interlocked.Increment(ref completed) == buyers / 3)
                {
                    halfway.TrySetResult();
                }
            }
            return userId;
        });
        await halfway.Task.WaitAsync(Deadline);

        await system.CancelEventAsync(eventId);
        await purchases;

        // Settled: no order of the event is completed, paying or cancelling, and every charge was refunded in full.
        await Eventually.TrueAsync(
            () => system.QueryOrdersDbAsync(db => db.EventCancellations.AnyAsync(c => c.EventId == eventId && c.RefundedAt != null)),
            Deadline, "the cancellation done");
        string[] unsettled = [];
        await Eventually.TrueAsync(async () => (unsettled = await UnsettledAsync(eventId)).Length == 0, Deadline, "every order settled and refunded");
        Assert.Empty(unsettled);
        Assert.True(await system.QueryOrdersDbAsync(db => db.Orders.CountAsync(o => o.EventId == eventId && o.Status == OrderStatus.Cancelled)) >= buyers / 3);
    }

    /// <summary>The event's orders that are not settled yet, or were charged and not refunded in full (empty when all is well).</summary>
    private Task<string[]> UnsettledAsync(Guid eventId) => system.QueryOrdersDbAsync(async db =>
    {
        var orders = await db.Orders.AsNoTracking().Where(o => o.EventId == eventId).ToListAsync();
        var charged = (await db.SimulatedPayments.AsNoTracking().Where(p => p.PaymentId != null).Select(p => p.IdempotencyKey).ToListAsync()).ToHashSet();
        return orders
            .Where(o => o.Status is OrderStatus.Completed or OrderStatus.Pending or OrderStatus.Cancelling
                || o.RefundedAmount != (charged.Contains($"order:{o.Id}") ? o.TotalAmount : 0m))
            .Select(o => $"{o.Id}: {o.Status.ToWire()}, refunded {o.RefundedAmount} of {o.TotalAmount}")
            .ToArray();
    });

    private async Task<Bought> BuyAsync(Guid eventId, Guid seat)
    {
        var userId = Guid.NewGuid();
        using var inventory = system.InventoryAs(userId);
        (await inventory.PostAsJsonAsync($"/api/v1/seats/{eventId}/reserve", new { seat_ids = new[] { seat } })).EnsureSuccessStatusCode();
        using var orders = system.OrdersAs(userId);
        var body = await PurchaseSystem.ReadAsync<JsonElement>(await PurchaseSystem.CheckoutAsync(orders));
        Assert.Equal("completed", body.GetProperty("order").GetProperty("status").GetString());
        return new Bought(userId, body.GetProperty("order").GetProperty("id").GetGuid());
    }

    private async Task<Guid> HoldAsync(Guid eventId, Guid seat)
    {
        var userId = Guid.NewGuid();
        using var inventory = system.InventoryAs(userId);
        (await inventory.PostAsJsonAsync($"/api/v1/seats/{eventId}/reserve", new { seat_ids = new[] { seat } })).EnsureSuccessStatusCode();
        return userId;
    }

    private async Task<string> TicketCodeAsync(Bought bought)
    {
        using var owner = system.OrdersAs(bought.UserId);
        var tickets = await PurchaseSystem.ReadAsync<JsonElement[]>(await owner.GetAsync($"/api/v1/checkout/orders/{bought.OrderId}/tickets"));
        return Assert.Single(tickets).GetProperty("code").GetString()!;
    }

    /// <summary>Runs <paramref name="count"/> jobs, 16 at a time; answers their results in order.</summary>
    private static async Task<T[]> ParallelAsync<T>(int count, Func<int, Task<T>> job)
    {
        var results = new T[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => results[i] = await job(i));
        return results;
    }

    private sealed record Bought(Guid UserId, Guid OrderId);
}
