using Microsoft.EntityFrameworkCore;
using Ticketing.Orders.Data;
using Ticketing.Orders.Domain;

namespace Ticketing.Orders.Checkout;

/// <summary>
/// Waits for an order that something else is settling: a checkout still running in another request (a repeat of the
/// same submit), a purchase the bus finishes, a cancellation. Rare paths: the request that runs a checkout answers
/// from the saga's report (<see cref="PurchaseCheckout"/>), so this re-reads the order, soon at first and then
/// less often, until it is done or the wait is over.
/// </summary>
public sealed class SettlingOrders(IServiceScopeFactory scopes)
{
    private static readonly TimeSpan FirstLook = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(500);

    /// <summary>The order once <paramref name="isDone"/> holds for it, or as it stands when <paramref name="timeout"/> ran out.</summary>
    public async Task<Order> WaitAsync(Guid orderId, Func<Order, bool> isDone, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var pause = FirstLook;
        while (true)
        {
            var order = await ReadAsync(orderId, cancellationToken);
            var left = deadline - DateTimeOffset.UtcNow;
            if (isDone(order) || left <= TimeSpan.Zero)
            {
                return order;
            }
            await Task.Delay(pause < left ? pause : left, cancellationToken);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    private async Task<Order> ReadAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        return await db.Orders.AsNoTracking().Include(o => o.Items).FirstAsync(o => o.Id == orderId, cancellationToken);
    }
}

/// <summary>Times as PostgreSQL keeps them (microseconds), so an answer shows them exactly as a later read of the order will.</summary>
public static class StoredTime
{
    public static DateTimeOffset Of(DateTimeOffset time) => new(time.Ticks - time.Ticks % 10, time.Offset);
}
