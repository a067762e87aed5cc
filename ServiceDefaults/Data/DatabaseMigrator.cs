using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ticketing.ServiceDefaults.Data;

/// <summary>Set once this process has brought its database schema (and seed data) up to date.</summary>
public sealed class DatabaseReadiness<TContext> where TContext : DbContext
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    public Task WhenReady => _ready.Task;

    internal void MarkReady() => _ready.TrySetResult();
}

/// <summary>
/// Applies migrations at start-up without blocking the host: while PostgreSQL is unreachable the
/// service keeps running (liveness green, readiness red) and retries, instead of crash-looping.
/// </summary>
internal sealed partial class DatabaseMigrator<TContext>(
    IServiceScopeFactory scopes,
    DatabaseReadiness<TContext> readiness,
    ILogger<DatabaseMigrator<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                await db.Database.MigrateAsync(stoppingToken);
                foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder<TContext>>())
                {
                    await seeder.SeedAsync(db, stoppingToken);
                }
                readiness.MarkReady();
                LogReady(typeof(TContext).Name);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRetry(ex, typeof(TContext).Name, RetryDelay.TotalSeconds);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Context} schema is current")]
    private partial void LogReady(string context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Context} migration failed; retrying in {Seconds}s")]
    private partial void LogRetry(Exception ex, string context, double seconds);
}
