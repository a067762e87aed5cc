using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Ticketing.Catalog.Data;
using Ticketing.Catalog.Domain;
using Ticketing.Catalog.Messaging;
using Ticketing.ServiceDefaults.Data;

namespace Ticketing.Catalog.Scheduling;

/// <summary>
/// The clock-driven transitions: upcoming -> on_sale once the on-sale time has come, on_sale and
/// sold_out -> completed once the event date has passed. Checked every second, so a sale opens
/// within about a second of its time. Each transition is one conditional UPDATE ... RETURNING:
/// with several catalog instances only the one whose UPDATE flipped a row sees it returned, so
/// each change is published exactly once. (on_sale -> sold_out is not a matter of the clock: it
/// follows inventory's EventSoldOut, see <see cref="Messaging.EventSoldOutConsumer"/>.)
/// </summary>
public sealed partial class EventStatusScheduler(
    IServiceScopeFactory scopes,
    DatabaseReadiness<CatalogDbContext> readiness,
    TimeProvider clock,
    ILogger<EventStatusScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private const string OpenSales = """
        UPDATE events SET status = 'on_sale', updated_at = now()
        WHERE status = 'upcoming' AND on_sale_date <= now()
        RETURNING id, 'upcoming'
        """;

    // The sub-select remembers each row's status before the update, for the message.
    private const string CompletePastEvents = """
        UPDATE events SET status = 'completed', updated_at = now()
        FROM (SELECT id, status FROM events
              WHERE status IN ('on_sale', 'sold_out') AND event_date <= now()
              FOR UPDATE SKIP LOCKED) AS before
        WHERE events.id = before.id AND events.status = before.status
        RETURNING events.id, before.status
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReady.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogTransitionFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<EventStatusNotifier>();
        await TransitionAsync(db, notifier, OpenSales, EventStatus.OnSale, cancellationToken);
        await TransitionAsync(db, notifier, CompletePastEvents, EventStatus.Completed, cancellationToken);
    }

    private async Task TransitionAsync(
        CatalogDbContext db, EventStatusNotifier notifier, string sql, EventStatus to, CancellationToken cancellationToken)
    {
        // The flip and its announcements commit together: no status change without its messages.
        var changed = new List<(Guid Id, EventStatus Previous)>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction()))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                changed.Add((reader.GetGuid(0), WireNames.ParseWire<EventStatus>(reader.GetString(1))));
            }
        }
        if (changed.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        foreach (var (id, previous) in changed)
        {
            notifier.Announce(id, previous, to, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var (id, previous) in changed)
        {
            LogTransitioned(id, previous.ToWire(), to.ToWire());
            await notifier.CommittedAsync(id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} moved from {From} to {To} on schedule")]
    private partial void LogTransitioned(Guid eventId, string from, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled status transitions failed; retrying")]
    private partial void LogTransitionFailed(Exception ex);
}
