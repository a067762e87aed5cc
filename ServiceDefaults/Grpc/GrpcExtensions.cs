using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.ServiceDefaults.Resilience;

namespace Ticketing.ServiceDefaults.Grpc;

public static class GrpcExtensions
{
    /// <summary>
    /// gRPC server with the standard health service, which mirrors the readiness checks.
    /// Internal gRPC has its own cleartext HTTP/2-only endpoint (named <c>grpc</c>): Kestrel can not
    /// serve HTTP/1.1 and prior-knowledge HTTP/2 on one cleartext port.
    /// </summary>
    /// Every call but the health checks must carry a service token for this service (<see cref="ServiceToken"/>).
    public static IHostApplicationBuilder AddServiceGrpc(this IHostApplicationBuilder builder)
    {
        builder.AddServiceTokenKeys();
        builder.Services.AddGrpc(options =>
        {
            options.EnableDetailedErrors = builder.Environment.IsDevelopment();
            options.Interceptors.Add<ServiceTokenServerInterceptor>();
            options.Interceptors.Add<StoreUnavailableInterceptor>();
        });
        builder.Services.AddGrpcHealthChecks(options => options.Services.Map("", r => r.Tags.Contains("ready")));
        // Lets tools (grpcurl, Postman) list and describe the internal API; like every call but health, it needs a service token.
        builder.Services.AddGrpcReflection();
        return builder;
    }

    private static void AddServiceTokenKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(new ServiceTokenKeys(
            ServiceToken.ServiceName(builder.Environment.ApplicationName),
            ServiceToken.KeyFrom(IdentityExtensions.SigningKey(builder.Configuration, builder.Environment))));
    }

    public static WebApplication MapServiceGrpc(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>
    /// A typed gRPC client for another service's <c>grpc</c> endpoint, found through service discovery, with
    /// the HTTP hop's timeout and breaker (<see cref="ResilienceSettings.Http"/>). Every internal gRPC method is
    /// safe to repeat (reads, or idempotent by design: ConfirmHold, ReleaseHold, ReturnSale), so calls that
    /// never reached a serving process (UNAVAILABLE) are retried (<see cref="ResilienceSettings.Grpc"/>); a
    /// client for a method that is not idempotent passes <paramref name="retryUnavailable"/> false. Every call carries
    /// this service's token for <paramref name="service"/>.
    /// </summary>
    public static IHttpClientBuilder AddInternalGrpcClient<TClient>(this IHostApplicationBuilder builder, string service, bool retryUnavailable = true)
        where TClient : class
    {
        builder.AddServiceTokenKeys();
        // Read once here: the channel callback below runs for every client the factory creates.
        var hop = ResilienceSettings.From(builder.Configuration).Grpc;
        return builder.Services.AddGrpcClient<TClient>(options => options.Address = new Uri($"http://_grpc.{service}"))
            .AddInterceptor(provider => new ServiceTokenClientInterceptor(
                provider.GetRequiredService<ServiceTokenKeys>(), service, provider.GetRequiredService<TimeProvider>()))
            .ConfigureChannel(channel =>
            {
                if (!retryUnavailable)
                {
                    return;
                }
                channel.ServiceConfig = new ServiceConfig
                {
                    MethodConfigs =
                    {
                        new MethodConfig
                        {
                            Names = { MethodName.Default },
                            RetryPolicy = new RetryPolicy
                            {
                                MaxAttempts = hop.MaxAttempts,
                                InitialBackoff = hop.InitialBackoff,
                                MaxBackoff = hop.MaxBackoff,
                                BackoffMultiplier = 2,
                                RetryableStatusCodes = { StatusCode.Unavailable },
                            },
                        },
                    },
                };
            });
    }
}
