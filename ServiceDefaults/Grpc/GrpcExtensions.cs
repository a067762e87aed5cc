using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ticketing.ServiceDefaults.Grpc;

public static class GrpcExtensions
{
    /// <summary>
    /// gRPC server with the standard health service, which mirrors the readiness checks.
    /// Internal gRPC has its own cleartext HTTP/2-only endpoint (named <c>grpc</c>): Kestrel can not
    /// serve HTTP/1.1 and prior-knowledge HTTP/2 on one cleartext port.
    /// </summary>
    public static IHostApplicationBuilder AddServiceGrpc(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpc(options => options.EnableDetailedErrors = builder.Environment.IsDevelopment());
        builder.Services.AddGrpcHealthChecks(options => options.Services.Map("", r => r.Tags.Contains("ready")));
        return builder;
    }

    public static WebApplication MapServiceGrpc(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        return app;
    }

    /// <summary>
    /// A typed gRPC client for another service's <c>grpc</c> endpoint, found through service
    /// discovery and guarded by the standard resilience pipeline.
    /// </summary>
    public static IHttpClientBuilder AddInternalGrpcClient<TClient>(this IServiceCollection services, string service)
        where TClient : class
    {
        return services.AddGrpcClient<TClient>(options => options.Address = new Uri($"http://_grpc.{service}"));
    }
}
