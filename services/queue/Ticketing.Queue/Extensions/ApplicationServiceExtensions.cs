using MassTransit;
using Ticketing.Catalog.Contracts.Grpc;
using Ticketing.Queue.Admission;
using Ticketing.Queue.Events;
using Ticketing.Queue.Metrics;
using Ticketing.ServiceDefaults.Settings;
using Ticketing.ServiceDefaults;
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

        // The store this service owns: the line, the shoppers and the counters live in Redis (no database)
        builder.AddServiceRedis();

        // Events' waiting-room settings: own copy fed by catalog's messages, in memory per instance, catalog's gRPC as the fallback
        builder.AddInternalGrpcClient<CatalogInternal.CatalogInternalClient>("catalog");
        builder.Services.AddSingleton<EventSettingsStore>();
        builder.Services.AddHostedService<EventSettingsInvalidation>();

        // The waiting room: line, admission, metrics
        builder.AddSettings<QueueSettings>("Queue");
        builder.Services.AddSingleton<QueueMetrics>();
        builder.Services.AddSingleton<WaitingRoom>();
        builder.Services.AddHostedService<AdmissionLoop>();

        // Messaging
        builder.AddQueueMessaging();
        return builder;
    }

    private static IHostApplicationBuilder AddQueueMessaging(this IHostApplicationBuilder builder)
    {
        return builder.AddServiceMessaging("queue", bus => bus.AddConsumers(typeof(ApplicationServiceExtensions).Assembly));
    }
}
