using MassTransit;
using Ticketing.Inventory.Availability;
using Ticketing.Inventory.Holds;
using Ticketing.Inventory.Live;
using Ticketing.Inventory.Sales;
using Ticketing.Inventory.Seats;
using Ticketing.Inventory.Data;
using Ticketing.ServiceDefaults.Settings;
using Ticketing.ServiceDefaults;
using Ticketing.ServiceDefaults.Grpc;
using Ticketing.ServiceDefaults.Messaging;
using Ticketing.ServiceDefaults.Outbox;
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
        builder.AddServiceDatabaseWithOutbox<InventoryDbContext>("inventorydb");
        builder.AddServiceRedis();

        // Seats, holds and availability
        builder.AddSettings<HoldSettings>("Holds");
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<SeatCatalog>();
        builder.Services.AddSingleton<SaleEvents>();
        builder.Services.AddSingleton<SaleEventChanges>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SaleEventChanges>());
        builder.Services.AddSingleton<RedisStateLoader>();
        builder.Services.AddSingleton<HoldStore>();
        builder.Services.AddScoped<SalesLedger>();
        builder.Services.AddSingleton<SaleClosing>();
        builder.Services.AddSingleton<UserHolds>();
        builder.Services.AddSingleton<AvailabilitySnapshots>();
        builder.Services.AddSingleton<SeatChanges>();
        builder.AddSettings<StreamSettings>("Streams");
        builder.Services.AddSingleton<StreamLimits>();
        builder.Services.AddSingleton<AvailabilityPublisher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AvailabilityPublisher>());
        builder.Services.AddHostedService<HoldExpirySweeper>();

        // Messaging
        builder.AddInventoryMessaging();
        return builder;
    }

    private static IHostApplicationBuilder AddInventoryMessaging(this IHostApplicationBuilder builder)
    {
        return builder.AddServiceMessaging("inventory", bus => bus.AddConsumers(typeof(ApplicationServiceExtensions).Assembly));
    }
}
