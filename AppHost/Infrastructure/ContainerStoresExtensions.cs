using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Ticketing.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL, Redis and RabbitMQ as containers (<see cref="StoresMode.Containers"/>): Aspire's own resources
/// (<c>AddPostgres</c>, <c>AddRedis</c>, <c>AddRabbitMQ</c>, with their health checks and connection strings) on the
/// images <c>scripts/store-images.sh</c> builds (<c>Stores:Images:{Postgres,Redis,RabbitMq}</c> for others). Each image
/// starts its store with the same launcher script as local mode, so both modes run the same servers with the same
/// settings, ports and secrets. Aspire puts every container on its own bridge network (its orchestrator attaches it,
/// with no way to ask for the host's), so each store listens on all of its container's addresses, on the same port as
/// in local mode, and the engine publishes that port on the host. The data lives in a named volume per store and
/// survives restarts; <c>Stores:DataVolumes=false</c> (a test's system) keeps it in the container, gone with it.
/// </summary>
public static class ContainerStoresExtensions
{
    private const string DataFolder = "/var/lib/ticketing/data";

    public static IResourceBuilder<IResourceWithConnectionString> AddContainerPostgres(this IDistributedApplicationBuilder builder, string name, int port)
    {
        var password = builder.AddSecret($"{name}-password", "ticketing-dev-password");
        var postgres = builder.AddPostgres(name, password: password)
            .WithStoreImage(builder, "Postgres", "ticketing/postgres:bookworm")
            .WithPublishedPort(port)
            .WithLauncherArgs([DataFolder, Text(port)])
            .WithDataVolume(builder, name);
        return postgres;
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddContainerRedis(this IDistributedApplicationBuilder builder, string name, int port)
    {
        // The launcher passes REDIS_PASSWORD, which Aspire's resource sets, on as redis-server's --requirepass.
        return builder.AddRedis(name)
            .WithStoreImage(builder, "Redis", "ticketing/redis:bookworm")
            .WithPublishedPort(port)
            .WithLauncherArgs([DataFolder, Text(port)])
            .WithDataVolume(builder, name);
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddContainerRabbitMq(this IDistributedApplicationBuilder builder, string name, int port, int managementPort)
    {
        // The same secrets as local mode; the launcher creates that user on the first start.
        var user = builder.AddSecret($"{name}-user", "guest");
        var password = builder.AddSecret($"{name}-password", "guest");
        return builder.AddRabbitMQ(name, user, password)
            .WithStoreImage(builder, "RabbitMq", "ticketing/rabbitmq:bookworm")
            .WithPublishedPort(port)
            .WithEndpoint(port: managementPort, targetPort: managementPort, name: "management", scheme: "http", isProxied: false)
            .WithEnvironment("RABBITMQ_USER", user)
            .WithEnvironment("RABBITMQ_PASSWORD", password)
            .WithLauncherArgs([DataFolder, Text(port), Text(managementPort)])
            .WithDataVolume(builder, name);
    }

    private static IResourceBuilder<T> WithDataVolume<T>(this IResourceBuilder<T> store, IDistributedApplicationBuilder builder, string name)
        where T : ContainerResource =>
        builder.Configuration.GetValue("Stores:DataVolumes", true) ? store.WithVolume($"ticketing-{name}-data", DataFolder) : store;

    private static IResourceBuilder<T> WithStoreImage<T>(this IResourceBuilder<T> store, IDistributedApplicationBuilder builder, string key, string defaultImage)
        where T : ContainerResource
    {
        var image = builder.Configuration[$"Stores:Images:{key}"] ?? defaultImage;
        var (name, tag) = image.LastIndexOf(':') is var colon and > 0 && !image[colon..].Contains('/')
            ? (image[..colon], image[(colon + 1)..])
            : (image, "latest");
        // A local image: never pulled, so a machine without a registry works (and a missing image says so at once).
        return store.WithImage(name, tag).WithImageRegistry(null).WithImagePullPolicy(ImagePullPolicy.Never);
    }

    /// <summary>
    /// The store listens on <paramref name="port"/> inside its container, and the engine publishes it as the same port on
    /// the host: no proxy of Aspire's in between, as with a local process.
    /// </summary>
    private static IResourceBuilder<T> WithPublishedPort<T>(this IResourceBuilder<T> store, int port)
        where T : ContainerResource, IResourceWithEndpoints
    {
        var endpoint = store.Resource.Annotations.OfType<EndpointAnnotation>().First();
        endpoint.Port = port;
        endpoint.TargetPort = port;
        endpoint.IsProxied = false;
        return store.WithEnvironment("STORE_LISTEN_ADDRESS", "0.0.0.0");
    }

    /// <summary>
    /// The image's entrypoint is the launcher script, which takes the data folder and ports: Aspire's own arguments for
    /// the official images (redis-server's, run as one shell command, and those that would add TLS to it) are replaced by
    /// them. The stores speak plain TCP, as in local mode.
    /// </summary>
    private static IResourceBuilder<T> WithLauncherArgs<T>(this IResourceBuilder<T> store, string[] args)
        where T : ContainerResource
    {
#pragma warning disable ASPIRECERTIFICATES001, ASPIRECONTAINERSHELLEXECUTION001 // evaluation APIs: only removed and turned off here
        var officialImageArgs = store.Resource.Annotations
            .Where(a => a is CommandLineArgsCallbackAnnotation or CertificateTrustConfigurationCallbackAnnotation or HttpsCertificateConfigurationCallbackAnnotation)
            .ToList();
        store.Resource.ShellExecution = false;
#pragma warning restore ASPIRECERTIFICATES001, ASPIRECONTAINERSHELLEXECUTION001
        foreach (var annotation in officialImageArgs)
        {
            store.Resource.Annotations.Remove(annotation);
        }
        store.Resource.Entrypoint = null;
        return store.WithArgs(args);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
