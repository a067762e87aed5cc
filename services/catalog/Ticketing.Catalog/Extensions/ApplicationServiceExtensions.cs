using MassTransit;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;
using Ticketing.Catalog.Caching;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Catalog.Data;
using Ticketing.Catalog.Data.Seed;
using Ticketing.Catalog.Messaging;
using Ticketing.Catalog.Scheduling;
using Ticketing.ServiceDefaults;
using Ticketing.ServiceDefaults.Data;
using Ticketing.ServiceDefaults.Grpc;
using Ticketing.ServiceDefaults.Messaging;
using Ticketing.ServiceDefaults.Outbox;
using Ticketing.ServiceDefaults.Redis;

namespace Ticketing.Catalog.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // HTTP API conventions and the internal gRPC endpoint
        builder.AddApiDefaults();
        builder.AddServiceGrpc();

        // Stores this service owns, and the seed data loaded into a new database
        builder.AddServiceDatabaseWithOutbox<CatalogDbContext>("catalogdb");
        builder.Services.AddScoped<IDatabaseSeeder<CatalogDbContext>, CatalogSeeder>();
        builder.AddServiceRedis();
        builder.AddCatalogCache();

        // Clock-driven status changes (on sale, completed) and what follows any status change
        builder.Services.AddScoped<EventStatusNotifier>();
        builder.Services.AddHostedService<EventStatusScheduler>();

        // Messaging
        builder.AddCatalogMessaging();
        return builder;
    }

    private static IHostApplicationBuilder AddCatalogCache(this IHostApplicationBuilder builder)
    {
        // Redis as HybridCache's second level, through the process's one multiplexer: its reconnecting and fail-fast
        // settings hold for the cache too, and the counters and the health check share its connection.
        builder.Services.AddStackExchangeRedisCache(_ => { });
        builder.Services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer>(
            (options, redis) => options.ConnectionMultiplexerFactory = () => Task.FromResult(redis));
        builder.Services.AddMemoryCache(options => options.SizeLimit = CatalogCache.LocalBytes);
        builder.Services.AddHybridCache(options => options.MaximumKeyLength = CatalogCache.MaxKeyLength);
        builder.Services.AddSingleton<CatalogCache>();
        return builder;
    }

    private static IHostApplicationBuilder AddCatalogMessaging(this IHostApplicationBuilder builder)
    {
        // Every catalog message is about one event: its id is the correlation id.
        MessageCorrelation.UseCorrelationId<EventCreated>(m => m.EventId);
        MessageCorrelation.UseCorrelationId<EventStatusChanged>(m => m.EventId);
        MessageCorrelation.UseCorrelationId<EventCancelled>(m => m.EventId);

        return builder.AddServiceMessaging("catalog", bus => bus.AddConsumers(typeof(ApplicationServiceExtensions).Assembly));
    }
}
