using MassTransit;
using Ticketing.Orders.Data;
using Ticketing.ServiceDefaults;
using Ticketing.ServiceDefaults.Data;
using Ticketing.ServiceDefaults.Grpc;
using Ticketing.ServiceDefaults.Messaging;

namespace Ticketing.Orders.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // HTTP API conventions and the internal gRPC endpoint
        builder.AddApiDefaults();
        builder.AddServiceGrpc();

        // Stores this service owns
        builder.AddServiceDatabase<OrdersDbContext>("ordersdb");

        // Messaging
        builder.AddOrdersMessaging();
        return builder;
    }

    private static IHostApplicationBuilder AddOrdersMessaging(this IHostApplicationBuilder builder)
    {
        return builder.AddServiceMessaging("orders", bus => bus.AddConsumers(typeof(ApplicationServiceExtensions).Assembly));
    }
}
