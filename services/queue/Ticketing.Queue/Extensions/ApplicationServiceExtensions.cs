using MassTransit;
using Ticketing.Queue.Data;
using Ticketing.ServiceDefaults;
using Ticketing.ServiceDefaults.Data;
using Ticketing.ServiceDefaults.Grpc;
using Ticketing.ServiceDefaults.Messaging;
using Ticketing.ServiceDefaults.Redis;

namespace Ticketing.Queue.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // HTTP API conventions and the internal gRPC endpoint
        builder.AddApiDefaults();
        builder.AddServiceGrpc();

        // Stores this service owns
        builder.AddServiceDatabase<QueueDbContext>("queuedb");
        builder.AddServiceRedis();

        // Messaging
        builder.AddQueueMessaging();
        return builder;
    }

    private static IHostApplicationBuilder AddQueueMessaging(this IHostApplicationBuilder builder)
    {
        return builder.AddServiceMessaging("queue", bus => bus.AddConsumers(typeof(ApplicationServiceExtensions).Assembly));
    }
}
