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
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _waiting = new();

    public void Settled(Guid orderId)
    {
        if (_waiting.TryRemove(orderId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>The order once <paramref name="isDone"/> holds for it, or as it stands when <paramref name="timeout"/> ran out.</summary>
    public async Task<Order> WaitAsync(Guid orderId, Func<Order, bool> isDone, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var waiter = _waiting.GetOrAdd(orderId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var order = await ReadAsync(orderId, cancellationToken);
            var left = deadline - DateTimeOffset.UtcNow;
            if (isDone(order) || left <= TimeSpan.Zero)
            {
                _waiting.TryRemove(new KeyValuePair<Guid, TaskCompletionSource>(orderId, waiter));
                return order;
            }
            try
            {
                await waiter.Task.WaitAsync(left < Reread ? left : Reread, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Read again: the notification may have gone to a moment before this waiter existed.
            }
        }
    }

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
        waiters.Settled(context.Message.OrderId);
        return Task.CompletedTask;
    }
}
