using Npgsql;
using Ticketing.Orders.Data;
using Ticketing.Orders.Purchases;
using Ticketing.ServiceDefaults.Outbox;

namespace Ticketing.Orders.Persistence;

/// <summary>A save of a purchase instance lost to a newer save of the same instance; the message is tried again on the fresh one.</summary>
public sealed class SagaConcurrencyException(Guid correlationId)
    : Exception($"Purchase {correlationId} was saved by another message first");

/// <summary>
/// The purchase saga's instances in PostgreSQL (table <c>purchase_states</c>), in plain SQL: one read per message, and
/// one save that carries what the step wrote (<see cref="PurchaseWrites"/>). Concurrency is optimistic: an instance is
/// read without locks and its save only stands while its <see cref="PurchaseState.Version"/> is still the one read.
/// Scoped: one per message.
/// </summary>
public sealed class PurchaseStateStore(NpgsqlDataSource database, OutboxRelay<OrdersDbContext> relay, TimeProvider clock)
{
    private bool _wakeRelay;

    public async Task<PurchaseState?> LoadAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT correlation_id, current_state, version, event_id, user_id, seat_ids, total_price, expires_at, order_id, payment_id,
                refund_amount, nudged_at, created_at, updated_at
            FROM purchase_states WHERE correlation_id = $1
            """);
        command.Parameters.Add(new() { Value = correlationId });
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        if (!await row.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new PurchaseState
        {
            CorrelationId = row.GetGuid(0), CurrentState = row.GetString(1), Version = row.GetInt32(2), EventId = row.GetGuid(3), UserId = row.GetGuid(4),
            SeatIds = [.. row.GetFieldValue<Guid[]>(5)], TotalPrice = row.GetDecimal(6), ExpiresAt = row.GetFieldValue<DateTimeOffset>(7),
            OrderId = row.IsDBNull(8) ? null : row.GetGuid(8), PaymentId = row.IsDBNull(9) ? null : row.GetString(9), RefundAmount = row.GetDecimal(10),
            NudgedAt = row.IsDBNull(11) ? null : row.GetFieldValue<DateTimeOffset>(11),
            CreatedAt = row.GetFieldValue<DateTimeOffset>(12), UpdatedAt = row.GetFieldValue<DateTimeOffset>(13),
        };
    }

    /// <summary>
    /// A new instance and what its step wrote: one batch, which PostgreSQL runs as one transaction. Two messages that
    /// both create the instance collide on its key (a unique violation), and the loser's writes go with it.
    /// </summary>
    public async Task SaveNewAsync(PurchaseState saga, PurchaseWrites writes, CancellationToken cancellationToken)
    {
        saga.Version = 1;
        saga.CreatedAt = saga.UpdatedAt = clock.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = Batch(connection, writes, InstanceCommand("""
            INSERT INTO purchase_states (correlation_id, current_state, version, event_id, user_id, seat_ids, total_price, expires_at, order_id,
                payment_id, refund_amount, nudged_at, updated_at, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """, saga, saga.CreatedAt));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        Saved();
    }

    /// <summary>
    /// The instance, only if nobody saved it since it was read (its version), and what its step wrote, in one
    /// transaction: the batch, then the commit. An instance saved meanwhile fails the step, which is tried again.
    /// </summary>
    public async Task SaveAsync(PurchaseState saga, PurchaseWrites writes, CancellationToken cancellationToken)
    {
        var readVersion = saga.Version;
        saga.Version = readVersion + 1;
        saga.UpdatedAt = clock.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = Batch(connection, writes, InstanceCommand("""
            UPDATE purchase_states SET current_state = $2, version = $3, event_id = $4, user_id = $5, seat_ids = $6, total_price = $7,
                expires_at = $8, order_id = $9, payment_id = $10, refund_amount = $11, nudged_at = $12, updated_at = $13
            WHERE correlation_id = $1 AND version = $14
            """, saga, readVersion));
        batch.Transaction = transaction;
        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (batch.BatchCommands[0].RecordsAffected != 1)
        {
            saga.Version = readVersion;
            await transaction.RollbackAsync(cancellationToken);
            throw new SagaConcurrencyException(saga.CorrelationId);
        }
        await transaction.CommitAsync(cancellationToken);
        Saved();
    }

    public async Task DeleteAsync(PurchaseState saga, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM purchase_states WHERE correlation_id = $1");
        command.Parameters.Add(new() { Value = saga.CorrelationId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The instance's statement first (its row count tells whether the save stands), then the step's writes.</summary>
    private NpgsqlBatch Batch(NpgsqlConnection connection, PurchaseWrites writes, NpgsqlBatchCommand instance)
    {
        var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(instance);
        var (commands, publishes) = writes.Take();
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }
        _wakeRelay = publishes;
        return batch;
    }

    private static NpgsqlBatchCommand InstanceCommand(string sql, PurchaseState saga, object last) => new(sql)
    {
        Parameters =
        {
            new() { Value = saga.CorrelationId }, new() { Value = saga.CurrentState }, new() { Value = saga.Version },
            new() { Value = saga.EventId }, new() { Value = saga.UserId }, new() { Value = saga.SeatIds.ToArray() },
            new() { Value = saga.TotalPrice }, new() { Value = saga.ExpiresAt }, new() { Value = (object?)saga.OrderId ?? DBNull.Value },
            new() { Value = (object?)saga.PaymentId ?? DBNull.Value }, new() { Value = saga.RefundAmount },
            new() { Value = (object?)saga.NudgedAt ?? DBNull.Value }, new() { Value = saga.UpdatedAt }, new() { Value = last },
        },
    };

    private void Saved()
    {
        if (_wakeRelay)
        {
            relay.Wake();
        }
    }
}
