using Microsoft.Extensions.Hosting;

namespace Ticketing.AppHost.Infrastructure;

public static class SecretParameters
{
    /// <summary>
    /// A secret parameter with a well-known value in Development only, so <c>./run.sh</c> works out of the box. In any
    /// other environment it has no default: it must come from configuration (<c>Parameters:{name}</c>, user secrets or
    /// the deployment's secret store), and a service that needs it does not start without it.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddSecret(this IDistributedApplicationBuilder builder, string name, string developmentValue) =>
        builder.Environment.IsDevelopment()
            ? builder.AddParameter(name, developmentValue, secret: true)
            : builder.AddParameter(name, secret: true);
}
