using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Ticketing.EndToEnd.Tests.Deployment;

/// <summary>A project the AppHost runs, as a deployment must reproduce it.</summary>
/// <param name="Name">The resource's name: the Deployment's and the Service's.</param>
/// <param name="Ports">Endpoint name (<c>http</c>, <c>grpc</c>) to the port the process listens on.</param>
/// <param name="EnvironmentNames">Every environment variable the AppHost gives the process.</param>
/// <param name="HealthPaths">The paths of the HTTP health checks the AppHost waits on.</param>
public sealed record AppHostProject(
    string Name,
    IReadOnlyDictionary<string, int> Ports,
    IReadOnlySet<string> EnvironmentNames,
    IReadOnlySet<string> HealthPaths);

/// <summary>
/// The AppHost's model, built but never started (no store runs, no port is taken): its projects with their endpoints,
/// environment and health checks, and its parameters. The environment callbacks run as for a publish, so references
/// (endpoints, parameters, connection strings) stay unresolved: only the names are wanted.
/// </summary>
public static class AppHostModel
{
    public static async Task<(IReadOnlyList<AppHostProject> Projects, IReadOnlyList<string> Parameters)> ReadAsync()
    {
        // Production, as deployed; nothing here asks for a parameter's value, which has no default there.
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Ticketing_AppHost>(["--environment=Production"]);

        var projects = new List<AppHostProject>();
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var ports = project.Annotations.OfType<EndpointAnnotation>()
                .ToDictionary(e => e.Name, e => e.TargetPort ?? e.Port ?? throw new InvalidOperationException($"{project.Name}/{e.Name} has no port"));
            var healthPaths = project.Annotations.OfType<HealthCheckAnnotation>()
                .Select(h => HttpHealthCheckPath(project.Name, h.Key))
                .OfType<string>()
                .ToHashSet();
            projects.Add(new AppHostProject(project.Name, ports, await EnvironmentNamesAsync(project), healthPaths));
        }
        var parameters = builder.Resources.OfType<ParameterResource>().Select(p => p.Name).ToList();
        return (projects, parameters);
    }

    private static async Task<IReadOnlySet<string>> EnvironmentNamesAsync(ProjectResource project)
    {
        var environment = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(
            new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), project, environment, CancellationToken.None);
        foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return environment.Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// <c>WithHttpHealthCheck("/health")</c> keeps the path only inside the health check it registers; its key,
    /// <c>{resource}_{endpoint}_{path}_{status}_check</c>, names it. Other checks (a store's) are not HTTP paths.
    /// </summary>
    private static string? HttpHealthCheckPath(string resource, string key)
    {
        var parts = key.Split('_');
        return parts.Length >= 5 && parts[0] == resource && parts[^1] == "check" && parts[2].StartsWith('/')
            ? string.Join('_', parts[2..^2])
            : null;
    }
}
