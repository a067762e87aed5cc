using System.Threading.Channels;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Ticketing.Catalog.Data;
using Ticketing.ServiceDefaults.Data;
using Ticketing.ServiceDefaults.Messaging;

namespace Ticketing.Catalog.Messaging;

/// <summary>
/// Publishes EventCreated for every event with a waiting <see cref="SeatLayoutAnnouncement"/> (new,
/// seeded, edited or regenerated) and deletes the request in the same transaction, so the announcement
/// survives a crash or a RabbitMQ outage: at-least-once, a small outbox for the one message
/// inventory can not do without. Requests are claimed with FOR UPDATE SKIP LOCKED, so several
/// catalog instances share the work instead of repeating it.
/// </summary>
public sealed partial class SeatLayoutAnnouncer(
    IServiceScopeFactory scopes,
    DatabaseReadiness<CatalogDbContext> readiness,
    ILogger<SeatLayoutAnnouncer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private const int BatchSize = 50;
    private readonly Channel<bool> _nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Announce now rather than at the next tick (after an organiser created an event).</summary>
    public void Nudge() => _nudges.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReady.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await AnnounceBatchAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogAnnounceFailed(ex);
            }
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            tick.CancelAfter(Interval);
            try
            {
                await _nudges.Reader.ReadAsync(tick.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The interval passed without a nudge: look anyway.
            }
        }
    }

    private async Task<int> AnnounceBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pending = await db.SeatLayoutAnnouncements
            .FromSql($"SELECT * FROM seat_layout_announcements ORDER BY requested_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }
        var eventIds = pending.Select(a => a.EventId).ToList();
        var events = await db.Events.AsNoTracking()
            .Include(e => e.Venue).ThenInclude(v => v!.Sections)
            .Where(e => eventIds.Contains(e.Id))
            .ToListAsync(cancellationToken);
        foreach (var catalogEvent in events)
        {
            await publisher.PublishBounded(CatalogMessages.Created(catalogEvent, catalogEvent.Venue!), cancellationToken);
        }
        db.SeatLayoutAnnouncements.RemoveRange(pending);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogAnnounced(events.Count);
        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced the seat layout of {Count} events")]
    private partial void LogAnnounced(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing seat layouts failed; retrying")]
    private partial void LogAnnounceFailed(Exception ex);
}
