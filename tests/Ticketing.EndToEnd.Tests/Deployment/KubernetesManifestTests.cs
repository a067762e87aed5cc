namespace Ticketing.EndToEnd.Tests.Deployment;

/// <summary>
/// deploy/ is written by hand after AppHost/Program.cs; these keep the two from drifting: every project the AppHost
/// runs is deployed in every overlay, on the same ports, with every environment variable the AppHost gives it, the
/// same health endpoints, and every AppHost parameter from a secret. A service added to the AppHost and not to
/// deploy/ (or a variable, a port, a parameter) fails here.
/// </summary>
public sealed class KubernetesManifestTests
{
    /// <summary>
    /// What the AppHost sets for its local run only: the launch profile names a Properties/launchSettings.json profile,
    /// which a container image does not carry.
    /// </summary>
    private static readonly string[] LocalRunOnly = ["DOTNET_LAUNCH_PROFILE"];

    private const string Secrets = "ticketing-secrets";

    private static readonly Lazy<Task<(IReadOnlyList<AppHostProject> Projects, IReadOnlyList<string> Parameters)>> Model =
        new(AppHostModel.ReadAsync);

    public static TheoryData<string> Overlays() => new(RenderedManifests.Overlays());

    [Fact]
    public void Overlays_Exist_DevelopmentAndProduction()
    {
        Assert.Equal(["development", "production"], RenderedManifests.Overlays());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Deployments_Overlay_OnePerAppHostProject(string overlay)
    {
        var (projects, _) = await Model.Value;
        var manifests = await RenderedManifests.RenderAsync(overlay);

        Assert.Equal(projects.Select(p => p.Name).Order(), manifests.NamesOf("Deployment").Order());
        Assert.Equal(projects.Select(p => p.Name).Order(), manifests.NamesOf("Service").Order());
        Assert.Equal(projects.Select(p => p.Name).Order(), manifests.NamesOf("PodDisruptionBudget").Order());
        Assert.Equal(projects.Select(p => p.Name).Order(), manifests.NamesOf("HorizontalPodAutoscaler").Order());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Ports_Overlay_AsInTheAppHost(string overlay)
    {
        var (projects, _) = await Model.Value;
        var manifests = await RenderedManifests.RenderAsync(overlay);
        var deployments = manifests.Deployments().ToDictionary(d => d.Name);
        var services = manifests.Services();

        foreach (var project in projects)
        {
            Assert.Equal(project.Ports.OrderBy(p => p.Key), deployments[project.Name].Ports.OrderBy(p => p.Key));
            Assert.Equal(project.Ports.OrderBy(p => p.Key), services[project.Name].OrderBy(p => p.Key));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task EnvironmentVariables_Overlay_EveryOneTheAppHostGives(string overlay)
    {
        var (projects, _) = await Model.Value;
        var deployments = (await RenderedManifests.RenderAsync(overlay)).Deployments().ToDictionary(d => d.Name);

        foreach (var project in projects)
        {
            var missing = project.EnvironmentNames.Except(LocalRunOnly).Except(deployments[project.Name].EnvironmentNames).Order();
            Assert.True(!missing.Any(), $"{overlay}/{project.Name} lacks {string.Join(", ", missing)}");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Probes_Overlay_ReadinessOnTheAppHostsHealthCheckLivenessOnAlive(string overlay)
    {
        var (projects, _) = await Model.Value;
        var deployments = (await RenderedManifests.RenderAsync(overlay)).Deployments().ToDictionary(d => d.Name);

        foreach (var project in projects)
        {
            Assert.Equal("/health", Assert.Single(project.HealthPaths));
            Assert.Equal("/health", deployments[project.Name].ReadinessPath);
            Assert.Equal("/alive", deployments[project.Name].LivenessPath);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Parameters_Overlay_EachAKeyOfTheSecretsSecret(string overlay)
    {
        var (_, parameters) = await Model.Value;
        var used = (await RenderedManifests.RenderAsync(overlay)).Deployments().SelectMany(d => d.SecretKeys).ToHashSet();

        Assert.NotEmpty(parameters);
        foreach (var parameter in parameters)
        {
            Assert.Contains($"{Secrets}/{parameter}", used);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Ingress_Overlay_GatewayOnly(string overlay)
    {
        var manifests = await RenderedManifests.RenderAsync(overlay);

        Assert.Equal(["gateway"], manifests.IngressBackends().Distinct());
    }
}
