using Microsoft.Extensions.Configuration;

namespace Ticketing.AppHost.Infrastructure;

public static class ServiceResourceExtensions
{
    /// <summary>
    /// A Ticketing service: its REST API on port <c>Ports:{name}</c>, its internal gRPC API on a
    /// second, HTTP/2-only port <c>Ports:{name}-grpc</c>; both without an extra proxy hop.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        var httpPort = builder.Configuration.GetValue<int>($"Ports:{name}");
        var grpcPort = builder.Configuration.GetValue<int>($"Ports:{name}-grpc");
        return builder.AddProject<TProject>(name)
            .WithEndpoint("http", endpoint =>
            {
                endpoint.Port = httpPort;
                endpoint.IsProxied = false;
            })
            .WithEndpoint("grpc", endpoint =>
            {
                endpoint.UriScheme = "http";
                endpoint.Transport = "http2";
                endpoint.Port = grpcPort;
                endpoint.IsProxied = false;
            })
            .WithHttpHealthCheck("/health");
    }

    /// <summary>Hands a store's connection string to the service and starts the service once the store answers.</summary>
    public static IResourceBuilder<ProjectResource> WithStore(this IResourceBuilder<ProjectResource> project, IResourceBuilder<LocalServerResource> store)
    {
        return project.WithReference(store).WaitFor(store);
    }
}
