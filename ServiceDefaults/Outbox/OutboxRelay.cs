using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ticketing.ServiceDefaults.Data;
using Ticketing.ServiceDefaults.Messaging;

namespace Ticketing.ServiceDefaults.Outbox;

/// <summary>
/// The transactional outbox's publishing side. Woken right after a commit that wrote messages (so a
/// checkout waits milliseconds, not a polling interval), and once a second anyway to pick up what a
/// crashed process or another instance left. Rows are claimed with FOR UPDATE SKIP LOCKED, so
/// several instances share the work, and deleted only after RabbitMQ confirmed the publish: a crash
/// in between publishes a message twice, which every consumer tolerates, and never loses one.
/// </summary>
public sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes, IBus bus, DatabaseReadiness<TContext> readiness, ILogger<OutboxRelay<TContext>> logger) : BackgroundService
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
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.OutboxMessages
            .FromSql($"SELECT * FROM outbox_messages ORDER BY id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }
        await Task.WhenAll(batch.Select(message => PublishAsync(message, cancellationToken)));
        var ids = batch.Select(m => m.Id).ToArray();
        await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    private Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var type = Type.GetType(message.MessageType, throwOnError: true)!;
        var body = JsonSerializer.Deserialize(message.Body, type)!;
        return bus.PublishBounded(body, type, context => context.MessageId = message.MessageId, cancellationToken);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
