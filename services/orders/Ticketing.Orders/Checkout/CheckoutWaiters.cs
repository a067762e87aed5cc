using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Ticketing.Orders.Data;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Purchases;

namespace Ticketing.Orders.Checkout;

/// <summary>
/// Lets a request wait for its order to settle, so a simple client gets the finished order in one
/// call. The saga may run on any orders instance: each instance hears every <see cref="OrderSettled"/>
/// on its own temporary queue. A missed notification costs at most a re-read a second later.
/// </summary>
public sealed class CheckoutWaiters(IServiceScopeFactory scopes)
{
    private static readonly TimeSpan Reread = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<OrderSettled>> _waiting = new();

    public void Settled(OrderSettled settled)
    {
        if (_waiting.TryRemove(settled.OrderId, out var waiter))
        {
            waiter.TrySetResult(settled);
        }
    }

    /// <summary>
    /// Starts listening for an order this request is about to create, before it is committed: the
    /// saga can only settle it after the commit, so its notification can not be missed.
    /// </summary>
    public void Expect(Guid orderId) => _waiting.GetOrAdd(orderId, NewWaiter);

    /// <summary>The order was not created after all (another submit won): stop listening.</summary>
    public void Forget(Guid orderId) => _waiting.TryRemove(orderId, out _);

    /// <summary>
    /// The order once <paramref name="isDone"/> holds for it, or as it stands when <paramref name="timeout"/>
    /// ran out. <paramref name="created"/> is the order this request just committed (with <see cref="Expect"/>
    /// before): it is brought up to date from the notification instead of being read back (two reads per checkout).
    /// </summary>
    public async Task<Order> WaitAsync(
        Guid orderId, Func<Order, bool> isDone, TimeSpan timeout, CancellationToken cancellationToken, Order? created = null)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var order = created;
        TaskCompletionSource<OrderSettled>? waiter = null;
        try
        {
            while (true)
            {
                waiter = _waiting.GetOrAdd(orderId, NewWaiter);
                order ??= await ReadAsync(orderId, cancellationToken);
                var left = deadline - DateTimeOffset.UtcNow;
                if (isDone(order) || left <= TimeSpan.Zero)
                {
                    return order;
                }
                try
                {
                    var settled = await waiter.Task.WaitAsync(left < Reread ? left : Reread, cancellationToken);
                    order = created is not null && settled.UpdatedAt is not null ? Apply(created, settled) : null;
                }
                catch (TimeoutException)
                {
                    // Read again: the notification may have gone to a moment before this waiter existed.
                    order = null;
                }
            }
        }
        finally
        {
            // Only this request's own registration: another request may wait for the same order.
            if (waiter is not null)
            {
                _waiting.TryRemove(new KeyValuePair<Guid, TaskCompletionSource<OrderSettled>>(orderId, waiter));
            }
        }
    }

    private static Order Apply(Order order, OrderSettled settled)
    {
        order.Status = OrderStatusNames.FromWire(settled.Status);
        order.FailureReason = settled.FailureReason;
        order.PaymentId = settled.PaymentId;
        order.UpdatedAt = ToStoredPrecision(settled.UpdatedAt!.Value);
        order.CompletedAt = settled.CompletedAt is { } completed ? ToStoredPrecision(completed) : null;
        return order;
    }

    /// <summary>PostgreSQL keeps microseconds: the answer shows the times exactly as a later read of the order will.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time) => new(time.Ticks - time.Ticks % 10, time.Offset);

    private static TaskCompletionSource<OrderSettled> NewWaiter(Guid _) => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task<Order> ReadAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        return await db.Orders.AsNoTracking().Include(o => o.Items).FirstAsync(o => o.Id == orderId, cancellationToken);
    }
}

/// <summary>An order settled somewhere: wake whoever waits for it in this instance.</summary>
public sealed class OrderSettledConsumer(CheckoutWaiters waiters) : IConsumer<OrderSettled>
{
    public Task Consume(ConsumeContext<OrderSettled> context)
    {
        waiters.Settled(context.Message);
        return Task.CompletedTask;
    }
}
