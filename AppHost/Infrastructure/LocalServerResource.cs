namespace Ticketing.AppHost.Infrastructure;

/// <summary>
/// A store (PostgreSQL, Redis, RabbitMQ) run as a plain local process by one of the scripts in
/// <c>infra/</c>: no container engine needed. It exposes a connection string so services can
/// take it with <c>WithReference</c>, exactly as they would a container resource.
/// </summary>
public sealed class LocalServerResource(string name, string script, string workingDirectory)
    : ExecutableResource(name, script, workingDirectory), IResourceWithConnectionString
{
    public ReferenceExpression? ConnectionString { get; set; }

    public ReferenceExpression ConnectionStringExpression =>
        ConnectionString ?? throw new InvalidOperationException($"{Name} has no connection string.");
}
