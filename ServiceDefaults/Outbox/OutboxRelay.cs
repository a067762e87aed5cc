using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Ticketing.ServiceDefaults.Data;
using Ticketing.ServiceDefaults.Messaging;

namespace Ticketing.ServiceDefaults.Outbox;

/// <summary>
/// The transactional outbox's publishing side. Woken right after a commit that wrote messages (so a
/// checkout waits milliseconds, not a polling interval), and once a second anyway to pick up what a
/// crashed process or another instance left. Rows are claimed with FOR UPDATE SKIP LOCKED, so
/// several instances share the work, and deleted in a transaction that commits only after RabbitMQ confirmed
/// the publishes: a crash in between publishes a message twice, which every consumer tolerates, and never loses one.
/// Plain SQL on the service's data source: it runs after every purchase.
/// </summary>
public sealed class OutboxRelay<TContext>(
    NpgsqlDataSource database, IBus bus, DatabaseReadiness<TContext> readiness, ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext, IOutboxContext
{
    private const int BatchSize = 200;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Messages were committed: publish them now.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken already by another commit.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    while (await PublishBatchAsync(stoppingToken) == BatchSize)
                    {
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Outbox relay failed; retrying");
                }
                await _wake.WaitAsync(IdlePoll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped: what is left stays in the table for the next start, or for another instance.
        }
    }

    /// <summary>Publishes one batch; answers how many messages it published.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Claimed and deleted in one statement; the delete only stands if the commit after the publishes comes.
        var batch = new List<(long Id, Guid MessageId, string Type, string Body)>();
        await using (var claim = new NpgsqlCommand("""
            DELETE FROM outbox_messages WHERE id IN (SELECT id FROM outbox_messages ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING id, message_id, message_type, body
            """, connection, transaction) { Parameters = { new() { Value = BatchSize } } })
        await using (var rows = await claim.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                batch.Add((rows.GetInt64(0), rows.GetGuid(1), rows.GetString(2), rows.GetString(3)));
            }
        }
        if (batch.Count == 0)
        {
            return 0;
        }
        batch.Sort((a, b) => a.Id.CompareTo(b.Id));
        await Task.WhenAll(batch.Select(message => PublishAsync(message.MessageId, message.Type, message.Body, cancellationToken)));
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    private Task PublishAsync(Guid messageId, string messageType, string body, CancellationToken cancellationToken)
    {
        var type = Type.GetType(messageType, throwOnError: true)!;
        var message = JsonSerializer.Deserialize(body, type)!;
        return bus.PublishBounded(message, type, context => context.MessageId = messageId, cancellationToken);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
