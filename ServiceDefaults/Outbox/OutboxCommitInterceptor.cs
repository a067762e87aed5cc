using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ticketing.ServiceDefaults.Outbox;

/// <summary>
/// Wakes the outbox relay when a commit wrote messages: after SaveChanges outside an explicit transaction, and after
/// an explicit transaction that wrote them commits.
/// </summary>
public sealed class OutboxCommitInterceptor<TContext>(OutboxRelay<TContext> relay) : ISaveChangesInterceptor, IDbTransactionInterceptor
    where TContext : DbContext, IOutboxContext
{
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null && OutboxPending.Take(context))
        {
            relay.Wake();
        }
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && OutboxPending.Take(context))
        {
            relay.Wake();
        }
        return Task.CompletedTask;
    }
}
