using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ticketing.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's own PostgreSQL database: a pooled DbContext, migrations applied in
    /// the background at start-up (retrying while the server is down), and a readiness check that
    /// stays red until they are applied. Seeders registered as <see cref="IDatabaseSeeder{TContext}"/>
    /// run once the schema is current.
    /// <paramref name="configure"/> adds service-specific options (interceptors, say).
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(
        this IHostApplicationBuilder builder, string connectionName, Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is missing.");

        builder.Services.AddDbContextPool<TContext>((services, options) =>
        {
            options
                .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
                .UseSnakeCaseNamingConvention();
            configure?.Invoke(services, options);
        });
        builder.Services.AddSingleton<DatabaseReadiness<TContext>>();
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>($"{connectionName}-postgres", tags: ["ready"]);
        return builder;
    }
}

/// <summary>Data to put in place once migrations ran; must be idempotent (runs at every start).</summary>
public interface IDatabaseSeeder<in TContext> where TContext : DbContext
{
    Task SeedAsync(TContext db, CancellationToken cancellationToken);
}
