using Microsoft.EntityFrameworkCore;
using Ticketing.Identity.Data;
using Ticketing.ServiceDefaults.Data;

namespace Ticketing.Identity.Sessions;

/// <summary>Deletes sessions a day after they ended, so the table does not grow without bound.</summary>
public sealed partial class SessionPurger(
    IServiceScopeFactory scopes, DatabaseReadiness<IdentityDbContext> readiness, TimeProvider clock, ILogger<SessionPurger> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private static readonly TimeSpan KeepEnded = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReady.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
                var cutoff = clock.GetUtcNow() - KeepEnded;
                var purged = await db.Sessions.Where(s => s.ExpiresAt < cutoff || s.RevokedAt < cutoff).ExecuteDeleteAsync(stoppingToken);
                LogPurged(purged);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} ended sessions")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session purge failed; next try in an hour")]
    private partial void LogFailed(Exception ex);
}
