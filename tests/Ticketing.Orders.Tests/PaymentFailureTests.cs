using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Orders.Domain;
using Ticketing.Testing;

namespace Ticketing.Orders.Tests;

[Collection(PurchaseCollection.Name)]
public sealed class PaymentFailureTests(PurchaseSystem system)
{
    [Fact]
    public async Task Checkout_ProviderOutage_OpensTheBreakerAnswers503Fast_AndRecovers()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var payments = system.Orders.Services.GetRequiredService<Payments.PaymentGateway>();
        // The fan who meets the open breaker holds seats before it opens: the break is short (1 s here), and the
        // checkout must come while it lasts.
        var (userId, _) = await system.HoldSeatsAsync(eventId, 1);
        await system.SetSimulatorAsync(new { outage = true });
        try
        {
            // Fans keep trying (each with a fresh hold, so no hold runs out meanwhile) until the breaker opens.
            await Eventually.TrueAsync(async () =>
            {
                var (fan, _) = await system.HoldSeatsAsync(eventId, 1);
                using var orders = system.OrdersAs(fan);
                var attempt = await PurchaseSystem.CheckoutAsync(orders);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, attempt.StatusCode);
                return payments.IsOpen;
            }, TimeSpan.FromSeconds(20), "breaker opened");

            using var refusedFan = system.OrdersAs(userId);
            var clock = Stopwatch.StartNew();
            var refused = await PurchaseSystem.CheckoutAsync(refusedFan);
            clock.Stop();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(clock.ElapsedMilliseconds < 500, $"open breaker answered in {clock.ElapsedMilliseconds} ms");
            Assert.Equal(0, await system.QueryOrdersDbAsync(db => db.Orders.CountAsync(o => o.UserId == userId)));
        }
        finally
        {
            await system.SetSimulatorAsync(new { outage = false });
        }

        // Once the break is over, the next checkout is the trial call; it succeeds and closes the breaker.
        await Eventually.TrueAsync(() => Task.FromResult(!payments.IsOpen), TimeSpan.FromSeconds(10), "the break ended");
        var (recovered, _) = await system.HoldSeatsAsync(eventId, 1);
        using var again = system.OrdersAs(recovered);
        Assert.Equal(HttpStatusCode.OK, (await PurchaseSystem.CheckoutAsync(again)).StatusCode);
    }

    /// <summary>
    /// A 503 means "try again", and the storefront retries with the same Idempotency-Key: once the provider is back
    /// that retry buys the seats (it is not a replay of the failure), with one charge.
    /// </summary>
    [Fact]
    public async Task Checkout_ProviderUnavailable_RetryWithTheSameKeyCompletesOnceItIsBack()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var payments = system.Orders.Services.GetRequiredService<Payments.PaymentGateway>();
        await Eventually.TrueAsync(() => Task.FromResult(!payments.IsOpen), TimeSpan.FromSeconds(10), "no breaker left open");
        var (userId, _) = await system.HoldSeatsAsync(eventId, 2);
        using var orders = system.OrdersAs(userId);
        var key = Guid.NewGuid().ToString();
        await system.SetSimulatorAsync(new { outage = true });
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await PurchaseSystem.CheckoutAsync(orders, key: key)).StatusCode);
            // The attempt reached the provider: an order failed for it (not the open breaker refusing up front), and its
            // code, not its words, is what made the answer a 503.
            Assert.Equal((OrderStatus.Failed, OrderFailure.ProviderUnavailable), await system.QueryOrdersDbAsync(db =>
                db.Orders.Where(o => o.UserId == userId).Select(o => new ValueTuple<OrderStatus, OrderFailure?>(o.Status, o.FailureCode)).SingleAsync()));
        }
        finally
        {
            await system.SetSimulatorAsync(new { outage = false });
        }

        // The client retries while it hears 503 (a breaker that earlier failures opened may still refuse for its break).
        HttpResponseMessage retry = null!;
        await Eventually.TrueAsync(async () =>
        {
            retry = await PurchaseSystem.CheckoutAsync(orders, key: key);
            return retry.StatusCode != HttpStatusCode.ServiceUnavailable;
        }, TimeSpan.FromSeconds(15), "the provider answers again");
        var again = await PurchaseSystem.CheckoutAsync(orders, key: key);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var completed = await system.QueryOrdersDbAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.UserId == userId && o.Status == OrderStatus.Completed));
        Assert.Equal(key, completed.IdempotencyKey);
        var keys = (await system.QueryOrdersDbAsync(db => db.Orders.Where(o => o.UserId == userId).Select(o => o.Id).ToListAsync())).Select(id => $"order:{id}").ToList();
        Assert.Equal(2, keys.Count);
        Assert.Equal([$"order:{completed.Id}"], await system.QueryOrdersDbAsync(db =>
            db.SimulatedPayments.Where(p => keys.Contains(p.IdempotencyKey) && p.PaymentId != null).Select(p => p.IdempotencyKey).ToListAsync()));
    }

    /// <summary>
    /// A provider that answers after checkout stopped waiting (Resilience:Payments:Timeout, 5 s) may have charged the
    /// card: the order is not failed as if nothing was charged. It stays under way (202), the provider is asked again
    /// under the same key, and the one charge either becomes the fan's tickets or, if the hold ran out meanwhile (holds
    /// last 8 s here), is refunded in full. Never a charge with neither.
    /// </summary>
    [Fact]
    public async Task Checkout_ProviderAnswersAfterTheTimeout_TheChargeIsSoldOrRefunded()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, seats) = await system.HoldSeatsAsync(eventId, 2);
        using var orders = system.OrdersAs(userId);
        HttpResponseMessage response;
        await system.SetSimulatorAsync(new { min_latency_ms = 6000, max_latency_ms = 6000 });
        try
        {
            response = await PurchaseSystem.CheckoutAsync(orders);
        }
        finally
        {
            await system.SetSimulatorAsync(new { min_latency_ms = 20, max_latency_ms = 60 });
        }

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.TrueAsync(() => system.QueryOrdersDbAsync(db =>
                db.Orders.AnyAsync(o => o.UserId == userId && (o.Status == OrderStatus.Completed || o.Status == OrderStatus.Failed))),
            TimeSpan.FromSeconds(60), "the order settled");
        var order = await system.QueryOrdersDbAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.UserId == userId));
        var key = $"order:{order.Id}";
        if (order.Status == OrderStatus.Completed)
        {
            var charge = await system.QueryOrdersDbAsync(db => db.SimulatedPayments.AsNoTracking().SingleAsync(p => p.IdempotencyKey == key));
            Assert.Equal(order.PaymentId, charge.PaymentId);
            Assert.Equal(0m, charge.RefundedAmount);
            Assert.Superset(seats.ToHashSet(), (await system.AvailableSeatsAsync(eventId, "sold")).ToHashSet());
        }
        else
        {
            Assert.NotNull(order.PaymentId);
            await Eventually.TrueAsync(() => system.QueryOrdersDbAsync(db =>
                    db.SimulatedPayments.AnyAsync(p => p.IdempotencyKey == key && p.Amount > 0 && p.RefundedAmount == p.Amount)),
                TimeSpan.FromSeconds(30), "the charge was refunded in full");
        }
        Assert.Single(await system.QueryOrdersDbAsync(db => db.SimulatedPayments.AsNoTracking().Where(p => p.IdempotencyKey == key).ToListAsync()));
    }

    [Fact]
    public async Task SeatConfirmation_FailsAfterPayment_TheChargeIsRefundedAndTheOrderFails()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, seats) = await system.HoldSeatsAsync(eventId, 2);
        using var orders = system.OrdersAs(userId);
        await system.SetSimulatorAsync(new { min_latency_ms = 1500, max_latency_ms = 1500 });
        Task<HttpResponseMessage> checkout;
        try
        {
            checkout = PurchaseSystem.CheckoutAsync(orders);
            await Eventually.TrueAsync(() => system.QueryOrdersDbAsync(db => db.Orders.AnyAsync(o => o.UserId == userId)),
                TimeSpan.FromSeconds(5), "order submitted");
            // While the card is being charged the fan lets one seat go: the hold no longer matches what was paid.
            using var inventory = system.InventoryAs(userId);
            var released = await inventory.PostAsJsonAsync($"/api/v1/seats/{eventId}/release", new { seat_ids = new[] { seats[0] } });
            Assert.True(released.IsSuccessStatusCode);
        }
        finally
        {
            await system.SetSimulatorAsync(new { min_latency_ms = 20, max_latency_ms = 60 });
        }

        var response = await checkout;
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var order = await system.QueryOrdersDbAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.UserId == userId));
        Assert.Equal(OrderStatus.Failed, order.Status);
        await Eventually.TrueAsync(() => system.QueryOrdersDbAsync(db =>
                db.SimulatedPayments.AnyAsync(p => p.IdempotencyKey == $"order:{order.Id}" && p.RefundedAmount == p.Amount && p.Amount > 0)),
            TimeSpan.FromSeconds(10), "the charge was refunded in full");
        Assert.DoesNotContain(seats[1], await system.AvailableSeatsAsync(eventId, "sold"));
    }
}
