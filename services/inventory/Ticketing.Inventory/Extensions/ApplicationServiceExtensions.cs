using MassTransit;
using Ticketing.Inventory.Data;
using Ticketing.ServiceDefaults;
using Ticketing.ServiceDefaults.Data;
using Ticketing.ServiceDefaults.Grpc;
using Ticketing.ServiceDefaults.Messaging;
using Ticketing.ServiceDefaults.Redis;

namespace Ticketing.Inventory.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // HTTP API conventions and the internal gRPC endpoint
        builder.AddApiDefaults();
        builder.AddServiceGrpc();

        // Stores this service owns
        builder.AddServiceDatabase<InventoryDbContext>("inventorydb");
        builder.AddServiceRedis();

        // Messaging
        builder.AddInventoryMessaging();
        return builder;
    }

    private static IHostApplicationBuilder AddInventoryMessaging(this IHostApplicationBuilder builder)
    {
        return builder.AddServiceMessaging("inventory", bus => bus.AddConsumers(typeof(ApplicationServiceExtensions).Assembly));
    }
}
