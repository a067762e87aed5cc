using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Ticketing.ServiceDefaults.Grpc;
using Ticketing.ServiceDefaults.Identity;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ticketing.Testing;

/// <summary>
/// One Ticketing service (or the gateway) hosted in the test process on a real Kestrel port,
/// wired to the real stores. <typeparamref name="TEntryPoint"/> is any class of the service's
/// own assembly (its DbContext, say); only the assembly is used.
/// </summary>
public sealed class ServiceHost<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private ServiceHost(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        Port = FreePorts.Take();
        GrpcPort = FreePorts.Take();
        // REST on HTTP/1.1 and internal gRPC on cleartext HTTP/2, as the AppHost lays them out.
        UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, Port, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
    }

    public int Port { get; }

    public int GrpcPort { get; }

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    public IReadOnlyDictionary<string, string?> Settings => _settings;

    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <summary>
    /// Starts <paramref name="service"/> with a database of its own, Redis, a RabbitMQ virtual
    /// host of its own, and any <paramref name="settings"/> on top; returns once /health is green.
    /// </summary>
    public static async Task<ServiceHost<TEntryPoint>> StartServiceAsync(
        string service, IDictionary<string, string?>? settings = null, string? rabbitMq = null)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var stores = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{service}db"] = infrastructure.PostgresConnectionString($"{service}_{Guid.NewGuid():N}"),
            ["ConnectionStrings:redis"] = infrastructure.RedisConnectionString,
            ["ConnectionStrings:rabbitmq"] = rabbitMq ?? await infrastructure.NewRabbitMqConnectionStringAsync(service),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            stores[key] = value;
        }
        return await StartAsync(stores);
    }

    /// <summary>Starts the host with exactly <paramref name="settings"/>; returns once /health is green.</summary>
    public static async Task<ServiceHost<TEntryPoint>> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var host = StartWithoutWaiting(settings);
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>
    /// Starts the host and returns at once, ready or not (for tests of readiness itself). A port found free can be
    /// taken by another process before Kestrel binds it (test assemblies start servers side by side): then the host
    /// starts again on other ports.
    /// </summary>
    public static ServiceHost<TEntryPoint> StartWithoutWaiting(IReadOnlyDictionary<string, string?> settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = new ServiceHost<TEntryPoint>(settings);
            try
            {
                host.StartServer();
                return host;
            }
            catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException && attempt < 5)
            {
                host.Dispose();
            }
        }
    }

    /// <summary>A client without a cookie jar: tests send the session they mean, explicitly.</summary>
    /// <summary>Calls this service's gRPC endpoint as another service would: with a service token for it, issued as <paramref name="caller"/>.</summary>
    public CallInvoker GrpcCaller(string caller = "tests")
    {
        var key = ServiceToken.KeyFrom(_settings.TryGetValue("InternalIdentity:SigningKey", out var configured) && !string.IsNullOrEmpty(configured)
            ? configured : IdentityExtensions.DevelopmentSigningKey);
        var audience = ServiceToken.ServiceName(typeof(TEntryPoint).Assembly.GetName().Name!);
        return GrpcChannel.ForAddress(GrpcAddress).Intercept(new ServiceTokenClientInterceptor(new ServiceTokenKeys(caller, key), audience, TimeProvider.System));
    }

    public HttpClient CreateHttpClient() => new(new HttpClientHandler { UseCookies = false }) { BaseAddress = Address };

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = CreateHttpClient();
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{typeof(TEntryPoint).Assembly.GetName().Name} not ready after {timeout}: {last}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
