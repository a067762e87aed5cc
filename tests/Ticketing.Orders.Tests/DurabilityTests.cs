using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Payments;
using Ticketing.Orders.Purchases;
using Ticketing.Testing;

namespace Ticketing.Orders.Tests;

[Collection(PurchaseCollection.Name)]
public sealed class DurabilityTests(PurchaseSystem system)
{
    /// <summary>
    /// A process that committed a change and its message and died before publishing: the message is in the outbox
    /// table, committed, never published. Another orders process publishes it. Here: a cancellation, as the cancel
    /// endpoint commits it (the order claimed as cancelling, the saga's message beside it).
    /// </summary>
    [Fact]
    public async Task Outbox_MessageCommittedButNeverPublished_IsPublishedAndTheOrderIsCancelled()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (_, orderId, seats) = await system.BuyAsync(eventId, 2);
        var holdId = await system.QueryOrdersDbAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.HoldId).SingleAsync());
        var message = new CancelOrderRequested(holdId, orderId);
        var messageId = Guid.NewGuid();

        // Plain SQL, as the dead process's transaction left it: nothing tells the relay to hurry.
        await system.QueryOrdersDbAsync(db => db.Database.ExecuteSqlAsync($"""
            WITH claimed AS (UPDATE orders SET status = 'cancelling', updated_at = now() WHERE id = {orderId})
            INSERT INTO outbox_messages (message_id, message_type, body, created_at)
            VALUES ({messageId}, {typeof(CancelOrderRequested).FullName + ", " + typeof(CancelOrderRequested).Assembly.GetName().Name},
                CAST({JsonSerializer.Serialize(message)} AS jsonb), now())
            """));

        await Eventually.TrueAsync(() => system.QueryOrdersDbAsync(db => db.Orders.AnyAsync(o => o.Id == orderId && o.Status == OrderStatus.Cancelled)),
            TimeSpan.FromSeconds(15), "the order was cancelled from the outbox message");
        Assert.Superset(seats.ToHashSet(), (await system.AvailableSeatsAsync(eventId)).ToHashSet());
        // The relay deletes a row once RabbitMQ confirmed it, which may be just after the order was cancelled. (Other
        // tests' purchases run beside this one, so only this message's row is looked at.)
        await Eventually.TrueAsync(async () => !await system.QueryOrdersDbAsync(db => db.OutboxMessages.AnyAsync(m => m.MessageId == messageId)),
            TimeSpan.FromSeconds(10), "the published message left the outbox");
    }

    /// <summary>Every message of a finished purchase delivered again: nothing changes, nobody is charged twice.</summary>
    [Fact]
    public async Task Redelivery_OfEveryPurchaseMessage_ChangesNothing()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, orderId, seats) = await system.BuyAsync(eventId, 2);
        var order = await system.QueryOrdersDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Items).SingleAsync(o => o.Id == orderId));
        var bus = system.Orders.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedCounter();
        using var observer = bus.ConnectConsumeObserver(consumed);

        // The checkout itself travels in-process only; everything that can reach the saga over the bus is here.
        object[] duplicates =
        [
            new AuthorizePayment(order.HoldId, orderId, order.TotalAmount, PurchaseSystem.GoodCard),
            new PaymentAuthorized(order.HoldId, orderId, order.PaymentId!),
            new PaymentDeclined(order.HoldId, orderId, "late"),
            new PaymentUnavailable(order.HoldId, orderId, "late"),
            new HoldExpiryDue(order.HoldId),
        ];
        foreach (var duplicate in duplicates)
        {
            await bus.Publish(duplicate, duplicate.GetType());
        }
        // The duplicates, and the PaymentAuthorized the repeated AuthorizePayment answers with.
        await Eventually.TrueAsync(() => Task.FromResult(consumed.Count >= duplicates.Length + 1), TimeSpan.FromSeconds(15), "duplicates consumed");

        var after = await system.QueryOrdersDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Tickets).SingleAsync(o => o.Id == orderId));
        Assert.Equal(OrderStatus.Completed, after.Status);
        Assert.Equal(order.PaymentId, after.PaymentId);
        Assert.Equal(2, after.Tickets.Count);
        Assert.Equal(1, await system.ChargesAsync(orderId));
        Assert.Equal(1, await system.QueryOrdersDbAsync(db => db.Orders.CountAsync(o => o.UserId == userId)));
        Assert.Equal(PurchaseStates.Completed, await system.QueryOrdersDbAsync(db => db.Purchases.Where(p => p.CorrelationId == order.HoldId).Select(p => p.CurrentState).SingleAsync()));
        Assert.Superset(seats.ToHashSet(), (await system.AvailableSeatsAsync(eventId, "sold")).ToHashSet());
    }

    /// <summary>The orders service stops while a checkout is paying, and a new process takes over from the messages and the database.</summary>
    [Fact]
    public async Task OrdersService_StoppedDuringCheckout_ResumesAfterRestartWithOneOrderAndOneCharge()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, seats) = await system.HoldSeatsAsync(eventId, 2);
        await system.SetSimulatorAsync(new { min_latency_ms = 800, max_latency_ms = 800 });
        var checkout = PurchaseSystem.CheckoutAsync(system.OrdersAs(userId));
        await Eventually.TrueAsync(() => system.QueryOrdersDbAsync(db => db.Orders.AnyAsync(o => o.UserId == userId)), TimeSpan.FromSeconds(5), "order submitted");

        await system.StopOrdersAsync();
        try
        {
            await checkout;
        }
        catch (HttpRequestException)
        {
            // The stopped process could not answer; the fan's client retries or polls.
        }
        await system.StartOrdersAsync();

        // The checkout died with its request, its order saved and paying: the scheduler of the new process pays again
        // (the same charge, keyed by the order) once Purchases:PayingRetryAfter (15 s) has passed, and the saga completes it.
        await Eventually.TrueAsync(() => system.QueryOrdersDbAsync(db => db.Orders.AnyAsync(o => o.UserId == userId && o.Status == OrderStatus.Completed)),
            TimeSpan.FromSeconds(40), "the order completed after the restart");
        var orderId = await system.QueryOrdersDbAsync(db => db.Orders.Where(o => o.UserId == userId).Select(o => o.Id).SingleAsync());
        Assert.Equal(1, await system.ChargesAsync(orderId));
        Assert.Superset(seats.ToHashSet(), (await system.AvailableSeatsAsync(eventId, "sold")).ToHashSet());
    }

    /// <summary>
    /// A checkout that was charged but whose answer was lost for good (its consumer's retries ran out, the
    /// message sits in an error queue): the saga stays in Paying with the fan charged. The scheduler asks the
    /// provider again with the same key, gets the same payment, and the purchase completes with one charge.
    /// </summary>
    [Fact]
    public async Task Checkout_ChargedButItsAnswerLost_IsAskedAgainAndCompletesWithOneCharge()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, seats, holdId, amount, expiresAt) = await system.HoldAsync(eventId);
        var orderId = Guid.NewGuid();

        // What the lost messages left behind: a pending order, the charge at the provider, a saga in Paying since long ago.
        await system.QueryOrdersDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO orders (id, user_id, event_id, hold_id, status, total_amount, payment_method, refunded_amount,
                event_name, event_date, artist, venue_name, venue_city, venue_address, created_at, updated_at)
            VALUES ({orderId}, {userId}, {eventId}, {holdId}, 'pending', {amount}, {PurchaseSystem.GoodCard}, 0,
                'Purchase Test Night', now(), 'The Testers', 'Hall', 'Testville', '1 Test Street', now(), now())
            """));
        await system.QueryOrdersDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO order_items (id, order_id, seat_id, section, row, seat_number, price_tier, price)
            SELECT gen_random_uuid(), {orderId}, s, '', '', '', '', {amount / 2} FROM unnest({seats}) AS s
            """));
        var charged = await system.Orders.Services.GetRequiredService<PaymentGateway>().AuthorizeAsync(orderId, amount, PurchaseSystem.GoodCard, CancellationToken.None);
        Assert.IsType<PaymentResult.Approved>(charged);
        await system.QueryOrdersDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO purchase_states (correlation_id, current_state, version, event_id, user_id, seat_ids, total_price, expires_at,
                order_id, refund_amount, nudged_at, created_at, updated_at)
            VALUES ({holdId}, {PurchaseStates.Paying}, 1, {eventId}, {userId}, {seats}, {amount}, {expiresAt}, {orderId}, 0,
                now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour')
            """));

        await Eventually.TrueAsync(() => system.QueryOrdersDbAsync(db => db.Orders.AnyAsync(o => o.Id == orderId && o.Status == OrderStatus.Completed)),
            TimeSpan.FromSeconds(15), "the stuck checkout completed");
        var order = await system.QueryOrdersDbAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId));
        Assert.Equal(((PaymentResult.Approved)charged).PaymentId, order.PaymentId);
        Assert.Equal(1, await system.ChargesAsync(orderId));
        Assert.Superset(seats.ToHashSet(), (await system.AvailableSeatsAsync(eventId, "sold")).ToHashSet());
    }

    private sealed class ConsumedCounter : IConsumeObserver
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
