using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ticketing.ServiceDefaults.Outbox;

/// <summary>
/// Wakes the outbox relay when a commit may have written messages: after SaveChanges outside an
/// explicit transaction, and after an explicit transaction that wrote them commits. A spurious wake costs one query.
/// </summary>
public sealed class OutboxCommitInterceptor<TContext>(OutboxRelay<TContext> relay) : ISaveChangesInterceptor, IDbTransactionInterceptor
    where TContext : DbContext, IOutboxContext
{
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null && context.ChangeTracker.Entries<OutboxMessage>().Any())
        {
            relay.Wake();
        }
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // The relay's own commits track no outbox entries (it reads without tracking): no self-wake.
        if (eventData.Context?.ChangeTracker.Entries<OutboxMessage>().Any() == true)
        {
            relay.Wake();
        }
        return Task.CompletedTask;
    }
}
