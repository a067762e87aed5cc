using MassTransit;
using Ticketing.Identity.Data;
using Ticketing.ServiceDefaults;
using Ticketing.ServiceDefaults.Data;
using Ticketing.ServiceDefaults.Grpc;
using Ticketing.ServiceDefaults.Messaging;
using Ticketing.ServiceDefaults.Redis;

namespace Ticketing.Identity.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // HTTP API conventions and the internal gRPC endpoint
        builder.AddApiDefaults();
        builder.AddServiceGrpc();

        // Stores this service owns
        builder.AddServiceDatabase<IdentityDbContext>("identitydb");
        builder.AddServiceRedis();

        // Messaging
        builder.AddIdentityMessaging();
        return builder;
    }

    private static IHostApplicationBuilder AddIdentityMessaging(this IHostApplicationBuilder builder)
    {
        return builder.AddServiceMessaging("identity", bus => bus.AddConsumers(typeof(ApplicationServiceExtensions).Assembly));
    }
}
