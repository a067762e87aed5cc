using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Ticketing.ServiceDefaults.Resilience;

namespace Ticketing.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's own PostgreSQL database: its <see cref="NpgsqlDataSource"/> (for plain SQL where EF Core's
    /// work costs on a hot path), a pooled DbContext on the same connections, migrations applied in
    /// the background at start-up (retrying while the server is down), and a readiness check that
    /// stays red until they are applied. Seeders registered as <see cref="IDatabaseSeeder{TContext}"/>
    /// run once the schema is current.
    /// <paramref name="configure"/> adds service-specific options (interceptors, say).
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(
        this IHostApplicationBuilder builder, string connectionName, Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        var connectionString = WithDefaults(builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is missing."), ResilienceSettings.From(builder.Configuration).Postgres);

        // One pool of connections for the service, shared by EF Core and the plain SQL of its hot paths.
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddDbContextPool<TContext>((services, options) =>
        {
            options
                .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
                .UseSnakeCaseNamingConvention();
            configure?.Invoke(services, options);
        });
        builder.Services.AddSingleton<DatabaseReadiness<TContext>>();
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>($"{connectionName}-postgres", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// The hop's timeouts, and how connections are used on hot paths, unless the connection string names its own:
    /// <list type="bullet">
    /// <item>No reset when a pooled connection is handed out again. Npgsql's reset (<c>DISCARD ALL</c>) is a round trip
    /// and a transaction of its own each time EF Core opens a connection: 12 per purchase before. No service keeps
    /// session state on a connection (no SET, temporary tables or session locks), so there is nothing to reset.</item>
    /// <item>Statements prepared on the server once they have run a few times (<c>Max Auto Prepare</c>): PostgreSQL
    /// then skips parsing and planning the same insert or lookup on every purchase.</item>
    /// </list>
    /// </summary>
    private static string WithDefaults(string connectionString, PostgresHop hop)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        if (!named.ContainsKey("Timeout"))
        {
            parsed.Timeout = (int)Math.Ceiling(hop.ConnectTimeout.TotalSeconds);
        }
        if (!named.ContainsKey("Command Timeout"))
        {
            parsed.CommandTimeout = (int)Math.Ceiling(hop.CommandTimeout.TotalSeconds);
        }
        if (!named.ContainsKey("No Reset On Close"))
        {
            parsed.NoResetOnClose = true;
        }
        if (!named.ContainsKey("Max Auto Prepare"))
        {
            parsed.MaxAutoPrepare = 64;
        }
        return parsed.ConnectionString;
    }
}

/// <summary>Data to put in place once migrations ran; must be idempotent (runs at every start).</summary>
public interface IDatabaseSeeder<in TContext> where TContext : DbContext
{
    Task SeedAsync(TContext db, CancellationToken cancellationToken);
}
