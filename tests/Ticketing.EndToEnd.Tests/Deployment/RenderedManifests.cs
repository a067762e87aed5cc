using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Ticketing.EndToEnd.Tests.Deployment;

/// <summary>The first container of a Deployment, as far as the comparison with the AppHost needs it.</summary>
/// <param name="Name">The Deployment's name.</param>
/// <param name="Ports">Container port name to number.</param>
/// <param name="EnvironmentNames">Names set by <c>env</c>, and the keys of the ConfigMaps named by <c>envFrom</c>.</param>
/// <param name="SecretKeys">Each <c>secretKeyRef</c> as <c>secret/key</c>.</param>
/// <param name="ReadinessPath">The readiness probe's HTTP path.</param>
/// <param name="LivenessPath">The liveness probe's HTTP path.</param>
public sealed record RenderedDeployment(
    string Name,
    IReadOnlyDictionary<string, int> Ports,
    IReadOnlySet<string> EnvironmentNames,
    IReadOnlySet<string> SecretKeys,
    string? ReadinessPath,
    string? LivenessPath);

/// <summary>What <c>kubectl kustomize deploy/overlays/{overlay}</c> renders, read back from its YAML.</summary>
public sealed class RenderedManifests
{
    private readonly List<YamlMappingNode> _objects;

    private RenderedManifests(List<YamlMappingNode> objects) => _objects = objects;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static IEnumerable<string> Overlays() =>
        Directory.GetDirectories(Path.Combine(RepositoryRoot, "deploy", "overlays")).Select(Path.GetFileName).OfType<string>().Order();

    public static async Task<RenderedManifests> RenderAsync(string overlay)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(RepositoryRoot, "deploy", "overlays", overlay)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {overlay} failed: {await error}");
        }
        var stream = new YamlStream();
        stream.Load(new StringReader(await output));
        return new RenderedManifests(stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList());
    }

    public IEnumerable<string> NamesOf(string kind) => Of(kind).Select(Name);

    /// <summary>Service name to its port names and numbers.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Services() =>
        Of("Service").ToDictionary(Name, service => (IReadOnlyDictionary<string, int>)Sequence(service, "spec", "ports")
            .ToDictionary(port => Text(port, "name") ?? "", port => int.Parse(Text(port, "port")!, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The Services every Ingress rule sends traffic to.</summary>
    public IEnumerable<string> IngressBackends() =>
        Of("Ingress").SelectMany(ingress => Sequence(ingress, "spec", "rules"))
            .SelectMany(rule => Sequence(rule, "http", "paths"))
            .Select(path => Text(path, "backend", "service", "name") ?? "");

    public IReadOnlyList<RenderedDeployment> Deployments()
    {
        var configMaps = Of("ConfigMap").ToDictionary(Name, map => Node(map, "data") is YamlMappingNode data
            ? data.Children.Keys.Select(k => k.ToString()).ToList()
            : []);
        return Of("Deployment").Select(deployment =>
        {
            var container = Sequence(deployment, "spec", "template", "spec", "containers").First();
            var ports = Sequence(container, "ports").ToDictionary(
                port => Text(port, "name") ?? "", port => int.Parse(Text(port, "containerPort")!, System.Globalization.CultureInfo.InvariantCulture));
            var env = Sequence(container, "env").ToList();
            var fromConfigMaps = Sequence(container, "envFrom")
                .Select(source => Text(source, "configMapRef", "name"))
                .OfType<string>()
                .SelectMany(name => configMaps.GetValueOrDefault(name, []));
            var secretKeys = env
                .Select(variable => (Secret: Text(variable, "valueFrom", "secretKeyRef", "name"), Key: Text(variable, "valueFrom", "secretKeyRef", "key")))
                .Where(reference => reference.Secret is not null)
                .Select(reference => $"{reference.Secret}/{reference.Key}");
            return new RenderedDeployment(
                Name(deployment),
                ports,
                env.Select(variable => Text(variable, "name") ?? "").Concat(fromConfigMaps).ToHashSet(StringComparer.Ordinal),
                secretKeys.ToHashSet(StringComparer.Ordinal),
                Text(container, "readinessProbe", "httpGet", "path"),
                Text(container, "livenessProbe", "httpGet", "path"));
        }).ToList();
    }

    private IEnumerable<YamlMappingNode> Of(string kind) => _objects.Where(o => Text(o, "kind") == kind);

    private static string Name(YamlMappingNode node) => Text(node, "metadata", "name") ?? "";

    private static YamlNode? Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }
            node = child;
        }
        return node;
    }

    private static string? Text(YamlNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlNode> Sequence(YamlNode node, params string[] path) =>
        Node(node, path) is YamlSequenceNode sequence ? sequence.Children : [];

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Ticketing.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Ticketing.sln not found above " + AppContext.BaseDirectory);
    }
}
