using Yarp.ReverseProxy.Transforms;
using Ticketing.Gateway.Envelope;

namespace Ticketing.Gateway.Extensions;

public static class GatewayServiceExtensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        // Routes of the public contract, destinations found through service discovery
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(context => context.AddResponseTransform(PublicEnvelope.WrapAsync));
        return builder;
    }
}
