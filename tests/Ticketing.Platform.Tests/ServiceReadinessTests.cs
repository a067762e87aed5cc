using Grpc.Health.V1;
using Grpc.Net.Client;
using Npgsql;
using Ticketing.Catalog.Data;
using Ticketing.Identity.Data;
using Ticketing.Inventory.Data;
using Ticketing.Orders.Data;
using Ticketing.Queue.Admission;
using Ticketing.Testing;

namespace Ticketing.Platform.Tests;

/// <summary>
/// Every service, started against the real PostgreSQL, Redis and RabbitMQ, becomes ready only
/// once its database is created and migrated (the waiting room has none: it lives in Redis) and its stores answer;
/// its gRPC health service then says SERVING and its HTTP answers name the service.
/// </summary>
public sealed class ServiceReadinessTests
{
    [Fact]
    public Task Identity_StartedAgainstRealStores_BecomesReady() => AssertReadyAsync<IdentityDbContext>("identity");

    [Fact]
    public Task Catalog_StartedAgainstRealStores_BecomesReady() => AssertReadyAsync<CatalogDbContext>("catalog");

    [Fact]
    public Task Inventory_StartedAgainstRealStores_BecomesReady() => AssertReadyAsync<InventoryDbContext>("inventory");

    [Fact]
    public Task Queue_StartedAgainstRealStores_BecomesReady() => AssertReadyAsync<WaitingRoom>("queue", hasDatabase: false);

    [Fact]
    public Task Orders_StartedAgainstRealStores_BecomesReady() => AssertReadyAsync<OrdersDbContext>("orders");

    [Fact]
    public async Task Readiness_RedisUnreachable_StaysRedWhileLivenessStaysGreen()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var closedPort = FreePorts.Take();
        using var host = ServiceHost<CatalogDbContext>.StartWithoutWaiting(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalogdb"] = infrastructure.PostgresConnectionString($"catalog_{Guid.NewGuid():N}"),
            ["ConnectionStrings:redis"] = $"127.0.0.1:{closedPort}",
            ["ConnectionStrings:rabbitmq"] = await infrastructure.NewRabbitMqConnectionStringAsync("catalog"),
        });
        using var http = host.CreateHttpClient();

        Assert.Equal(200, (int)(await http.GetAsync("/alive")).StatusCode);
        // Once the database side is ready, only Redis can keep readiness red.
        await Eventually.TrueAsync(() => DatabaseMigratedAsync(host.Settings["ConnectionStrings:catalogdb"]!), TimeSpan.FromSeconds(30), "catalog migrated");
        var readiness = await http.GetAsync("/health");
        Assert.Equal(503, (int)readiness.StatusCode);
    }

    private static async Task AssertReadyAsync<TEntryPoint>(string service, bool hasDatabase = true) where TEntryPoint : class
    {
        using var host = await ServiceHost<TEntryPoint>.StartServiceAsync(service);
        using var http = host.CreateHttpClient();

        var health = await http.GetAsync("/health");
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(service, health.Headers.GetValues("X-Ticketing-Service").Single());

        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        var grpcHealth = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, grpcHealth.Status);

        var database = host.Settings[$"ConnectionStrings:{service}db"]!;
        if (hasDatabase)
        {
            Assert.True(await DatabaseMigratedAsync(database), $"{service} database has no applied migration");
        }
        else
        {
            Assert.False(await DatabaseExistsAsync(database), $"{service} created a database it has no use for");
        }
    }

    private static async Task<bool> DatabaseExistsAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select exists (select 1 from pg_database where datname = $1)", connection);
        command.Parameters.Add(new() { Value = name! });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<bool> DatabaseMigratedAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select count(*) from __ef_migrations_history", connection);
            return (long)(await command.ExecuteScalarAsync())! > 0;
        }
        catch (PostgresException)
        {
            return false;
        }
    }
}
