using Microsoft.Extensions.Configuration;

namespace Ticketing.AppHost.Infrastructure;

/// <summary>
/// One service (or the gateway) run as N processes: <c>Scale</c> sets N for all (default 1), <c>Replicas:{name}</c>
/// for one. The first keeps the plain name and ports, so one replica is the system as it always was; replica k is
/// <c>{name}-k</c> on <c>Ports:{name}-k</c> and <c>Ports:{name}-k-grpc</c> (default: the first's ports + 100·(k-1)),
/// shown under the first on the dashboard.
/// </summary>
public sealed class ReplicatedProject
{
    private ReplicatedProject(string name, IReadOnlyList<IResourceBuilder<ProjectResource>> replicas)
    {
        Name = name;
        Replicas = replicas;
    }

    public string Name { get; }

    public IReadOnlyList<IResourceBuilder<ProjectResource>> Replicas { get; }

    public IResourceBuilder<ProjectResource> First => Replicas[0];

    /// <summary>
    /// Adds the replicas; <paramref name="add"/> makes one from its resource name and a function that gives its port
    /// for a port setting's suffix (<c>""</c> for <c>Ports:{name}</c>, <c>"-grpc"</c> for <c>Ports:{name}-grpc</c>).
    /// </summary>
    public static ReplicatedProject Add(
        IDistributedApplicationBuilder builder, string name, Func<string, Func<string, int>, IResourceBuilder<ProjectResource>> add)
    {
        var ports = builder.Configuration.GetSection("Ports");
        var count = builder.Configuration.GetValue<int?>($"Replicas:{name}") ?? builder.Configuration.GetValue("Scale", 1);
        if (count < 1)
        {
            throw new InvalidOperationException($"Replicas:{name} (or Scale) must be at least 1, not {count}");
        }
        var replicas = new List<IResourceBuilder<ProjectResource>>();
        for (var k = 1; k <= count; k++)
        {
            var resourceName = k == 1 ? name : $"{name}-{k}";
            var offset = (k - 1) * 100;
            var replica = add(resourceName, suffix =>
                ports.GetValue<int?>(resourceName + suffix) ?? ports.GetValue<int>(name + suffix) + offset);
            if (k > 1)
            {
                // The first creates and migrates the service's database; the others start on it once that is done.
                replica.WithParentRelationship(replicas[0]).WaitFor(replicas[0]);
            }
            replicas.Add(replica);
        }
        return new ReplicatedProject(name, replicas);
    }

    /// <summary>The same settings on every replica.</summary>
    public ReplicatedProject Configure(Action<IResourceBuilder<ProjectResource>> configure)
    {
        foreach (var replica in Replicas)
        {
            configure(replica);
        }
        return this;
    }

    /// <summary>
    /// Every replica of this finds every replica of <paramref name="service"/> through service discovery:
    /// <c>services__{name}__{endpoint}__{i}</c>, one entry per replica, which the gateway's YARP destinations and the
    /// gRPC clients balance across. The first entry is Aspire's own reference, so one replica is configured as before.
    /// </summary>
    public ReplicatedProject WithReference(ReplicatedProject service) => Configure(replica =>
    {
        replica.WithReference(service.First);
        for (var i = 1; i < service.Replicas.Count; i++)
        {
            foreach (var endpoint in service.Replicas[i].Resource.Annotations.OfType<EndpointAnnotation>())
            {
                replica.WithEnvironment($"services__{service.Name}__{endpoint.Name}__{i}", service.Replicas[i].GetEndpoint(endpoint.Name));
            }
            replica.WithReferenceRelationship(service.Replicas[i]);
        }
    });

    /// <summary>Starts every replica of this once every replica of <paramref name="service"/> is healthy.</summary>
    public ReplicatedProject WaitFor(ReplicatedProject service) => Configure(replica =>
    {
        foreach (var other in service.Replicas)
        {
            replica.WaitFor(other);
        }
    });
}
