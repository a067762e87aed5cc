using Ticketing.Gateway.ApiDocs;
using Ticketing.Gateway.Authentication;
using Ticketing.Gateway.Envelope;
using Ticketing.Identity.Contracts.Grpc;
using Ticketing.ServiceDefaults.Grpc;
using Ticketing.ServiceDefaults.Messaging;
using Ticketing.ServiceDefaults.Settings;
using Yarp.ReverseProxy.Transforms;

namespace Ticketing.Gateway.Extensions;

public static class GatewayServiceExtensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        // Routes of the public contract, destinations found through service discovery
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver()
            .AddGatewayResilience(builder.Configuration)
            .AddTransforms(context =>
            {
                context.AddCallerHeaders();
                if (context.Route.Metadata?.ContainsKey(ApiReference.PassThroughMetadata) != true)
                {
                    context.AddResponseTransform(PublicEnvelope.WrapAsync);
                }
            });

        // Sessions: checked once here, passed on as a signed caller identity
        builder.Services.AddMemoryCache();
        builder.AddSettings<SessionCacheSettings>("Sessions");
        builder.Services.AddSingleton<SessionCache>();
        builder.Services.AddSingleton<ClientAddressSigner>();
        builder.AddInternalGrpcClient<IdentityInternal.IdentityInternalClient>("identity");

        // Logouts on other instances reach this one through its own temporary queue
        builder.AddServiceMessaging("gateway", bus => bus.AddConsumer<SessionRevokedConsumer>()
            .Endpoint(endpoint =>
            {
                endpoint.Temporary = true;
                endpoint.InstanceId = Guid.NewGuid().ToString("N")[..8];
            }));
        return builder;
    }
}
