using Microsoft.Extensions.Configuration;

namespace Ticketing.AppHost.Infrastructure;

public static class ServiceResourceExtensions
{
    /// <summary>
    /// A Ticketing service as one or more processes (<see cref="ReplicatedProject"/>), each with its REST API on port
    /// <c>Ports:{name}</c>, its internal gRPC API on a second, HTTP/2-only port <c>Ports:{name}-grpc</c>; both without
    /// an extra proxy hop. It verifies callers with the gateway's <paramref name="identityKey"/>.
    /// </summary>
    public static ReplicatedProject AddService<TProject>(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> identityKey)
        where TProject : IProjectMetadata, new() =>
        ReplicatedProject.Add(builder, name, (resourceName, port) =>
        {
            var service = builder.AddProject<TProject>(resourceName)
                .WithFixedEndpoint("http", port(""))
                .WithFixedEndpoint("grpc", port("-grpc"), endpoint => endpoint.Transport = "http2")
                .WithHttpHealthCheck("/health")
                .WithEnvironment("InternalIdentity__SigningKey", identityKey)
                .WithTelemetry(builder);
            // Kestrel can not tell HTTP/2 from HTTP/1.1 on a cleartext port: name each endpoint's protocols.
            return service
                .WithEnvironment("Kestrel__Endpoints__http__Url", service.GetEndpoint("http"))
                .WithEnvironment("Kestrel__Endpoints__http__Protocols", "Http1")
                .WithEnvironment("Kestrel__Endpoints__grpc__Url", service.GetEndpoint("grpc"))
                .WithEnvironment("Kestrel__Endpoints__grpc__Protocols", "Http2");
        });

    /// <summary>
    /// Passes every key of an AppHost configuration section on to the project (as environment
    /// variables), e.g. <c>./run.sh --RateLimits:Enabled=false</c> reaches the gateway.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConfigurationSection(
        this IResourceBuilder<ProjectResource> project, IDistributedApplicationBuilder builder, string section)
    {
        foreach (var (key, value) in builder.Configuration.GetSection(section).AsEnumerable(makePathsRelative: false))
        {
            if (value is not null)
            {
                project = project.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }
        }
        return project;
    }

    /// <summary>
    /// What a process of this system sends the dashboard, and how the .NET runtime is set for a machine that runs all of
    /// them. <c>Telemetry:TraceSampleRatio</c> (default 1: every trace) is passed on, so a benchmark can run with
    /// <c>./run.sh --Telemetry:TraceSampleRatio=0.01</c>; <c>Telemetry:MetricExportInterval</c> (default 5 s) replaces
    /// Aspire's once a second, whose export and storage of every process's metrics cost the machine about 9% of a core
    /// whatever the load (BENCHMARKS.md). The runtime: <see cref="WithSharedMachineRuntime"/>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTelemetry(this IResourceBuilder<ProjectResource> project, IDistributedApplicationBuilder builder)
    {
        if (builder.Configuration["Telemetry:TraceSampleRatio"] is { } ratio)
        {
            project = project.WithEnvironment("Telemetry__TraceSampleRatio", ratio);
        }
        var metricInterval = builder.Configuration.GetValue("Telemetry:MetricExportInterval", TimeSpan.FromSeconds(5));
        return project
            .WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", ((long)metricInterval.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSharedMachineRuntime(builder);
    }

    /// <summary>
    /// Every process of the system shares this machine's few cores, so:
    /// <list type="bullet">
    /// <item>the runtime skips tiered compilation's instrumented tier (<c>Runtime:TieredPGO</c>, default false here).
    /// Measured on 2 cores: a rush after a start cost 53, 37, 28 then 20 ms of CPU per purchase with it, 35 then 22 and
    /// 19 without; the steady state is the same.</item>
    /// <item>a socket's completion runs its continuation on the thread that polled it instead of handing it to the thread
    /// pool (<c>Runtime:InlineSocketCompletions</c>, default true here): one thread wake-up less per network read in every
    /// process. Measured in interleaved pairs of rushes: 10.8 instead of 12.1 ms of CPU per purchase, and a no-op request
    /// 9% cheaper. It asks that nothing block after a network read; no code here does (all I/O is asynchronous).</item>
    /// </list>
    /// .NET's own defaults (both on and off, respectively) stay for a machine per service (<c>deploy/</c>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSharedMachineRuntime(this IResourceBuilder<ProjectResource> project, IDistributedApplicationBuilder builder) =>
        project.WithEnvironment("DOTNET_TieredPGO", builder.Configuration.GetValue("Runtime:TieredPGO", false) ? "1" : "0")
            .WithEnvironment("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", builder.Configuration.GetValue("Runtime:InlineSocketCompletions", true) ? "1" : "0");

    /// <summary>An endpoint on a fixed port that the process itself listens on (no proxy hop in between).</summary>
    public static IResourceBuilder<ProjectResource> WithFixedEndpoint(
        this IResourceBuilder<ProjectResource> project, string name, int port, Action<EndpointAnnotation>? configure = null)
    {
        return project.WithEndpoint(name, endpoint =>
        {
            endpoint.UriScheme = "http";
            endpoint.Port = port;
            endpoint.TargetPort = port;
            endpoint.IsProxied = false;
            configure?.Invoke(endpoint);
        }, createIfNotExists: true);
    }

    /// <summary>Hands a store's connection string to the service and starts the service once the store answers.</summary>
    public static IResourceBuilder<ProjectResource> WithStore(this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString> store)
    {
        return project.WithReference(store).WaitFor(store);
    }

    /// <summary>
    /// Gives a service its own database on the shared server as <c>ConnectionStrings__{database}</c>;
    /// the service creates and migrates it at start-up.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDatabase(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString> server, string database)
    {
        return project
            .WithEnvironment($"ConnectionStrings__{database}", ReferenceExpression.Create($"{server.Resource};Database={database};Maximum Pool Size=100"))
            .WithReferenceRelationship(server)
            .WaitFor(server);
    }
}
