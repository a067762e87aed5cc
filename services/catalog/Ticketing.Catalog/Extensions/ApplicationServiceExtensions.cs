using MassTransit;
using Ticketing.Catalog.Data;
using Ticketing.ServiceDefaults;
using Ticketing.ServiceDefaults.Data;
using Ticketing.ServiceDefaults.Grpc;
using Ticketing.ServiceDefaults.Messaging;
using Ticketing.ServiceDefaults.Redis;

namespace Ticketing.Catalog.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // HTTP API conventions and the internal gRPC endpoint
        builder.AddApiDefaults();
        builder.AddServiceGrpc();

        // Stores this service owns
        builder.AddServiceDatabase<CatalogDbContext>("catalogdb");
        builder.AddServiceRedis();

        // Messaging
        builder.AddCatalogMessaging();
        return builder;
    }

    private static IHostApplicationBuilder AddCatalogMessaging(this IHostApplicationBuilder builder)
    {
        return builder.AddServiceMessaging("catalog", bus => bus.AddConsumers(typeof(ApplicationServiceExtensions).Assembly));
    }
}
