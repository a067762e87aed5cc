using System.Diagnostics;
using System.Globalization;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace Ticketing.Testing;

/// <summary>
/// PostgreSQL, Redis and RabbitMQ as containers of the store images (AppHost/infra/images, built by
/// scripts/store-images.sh), started with Testcontainers' modules. Each image's entry point is the launcher a local
/// process runs (AppHost/infra/*.sh), given a data folder inside the container and the ports to listen on, so the
/// containers run on the host's network on the ports the fixture chose, exactly where local processes would listen,
/// and need no bridge network and no port mapping. The data lives in the container's volume and goes with it.
/// Image names come from Stores__Images__Postgres, Stores__Images__Redis and Stores__Images__RabbitMq (the AppHost's
/// Stores:Images:* keys), the local store images otherwise.
/// The containers are removed when the process ends (SIGTERM included); Testcontainers' own reaper (Ryuk) is off, its
/// image being pulled from a registry, so containers left by a process that could not remove them are found by
/// their labels and removed by the next start (<see cref="ContainerOwnership"/>).
/// </summary>
internal sealed class ContainerStores
{
    private const string DataRoot = "/var/lib/ticketing";

    private readonly (string Store, IContainer Container)[] _containers;

    private ContainerStores((string Store, IContainer Container)[] containers) => _containers = containers;

    /// <summary>How long each store took from the start of its container until it accepted connections.</summary>
    public string StartupTimes { get; private set; } = "";

    /// <summary>Starts the three stores on these ports; returns once each accepts connections, or throws with their output.</summary>
    public static async Task<ContainerStores> StartAsync(int postgresPort, int redisPort, int rabbitMqPort, int rabbitMqManagementPort, TimeSpan timeout)
    {
        ContainerEngine.MatchApiVersion();
        ContainerEngine.BuildStoreImages();
        TestcontainersSettings.ResourceReaperEnabled = false;
        await ContainerOwnership.RemoveOrphansAsync();

        var postgres = new PostgreSqlBuilder(Image("Postgres", "ticketing/postgres:bookworm"))
            .WithPassword(TestInfrastructure.PostgresPassword);
        var redis = new RedisBuilder(Image("Redis", "ticketing/redis:bookworm"));
        // The module's default user is rabbitmq/rabbitmq (RABBITMQ_DEFAULT_USER, which RabbitMQ prefers to the launcher's
        // configuration file); the fixture uses guest/guest, like a local process.
        var rabbitMq = new RabbitMqBuilder(Image("RabbitMq", "ticketing/rabbitmq:bookworm"))
            .WithUsername("guest")
            .WithPassword("guest");
        var stores = new ContainerStores(
        [
            ("postgres", new PostgreSqlContainer(new PostgreSqlConfiguration(HostNetworkConfiguration.Of(
                OnHostNetwork(postgres, "postgres", $"{postgresPort}"),
                ReadyWhenListening(postgresPort))))),
            ("redis", new RedisContainer(new RedisConfiguration(HostNetworkConfiguration.Of(
                OnHostNetwork(redis, "redis", $"{redisPort}", "no"),
                ReadyWhenListening(redisPort))))),
            ("rabbitmq", new RabbitMqContainer(new RabbitMqConfiguration(HostNetworkConfiguration.Of(
                OnHostNetwork(rabbitMq, "rabbitmq", $"{rabbitMqPort}", $"{rabbitMqManagementPort}"),
                ReadyWhenListening(rabbitMqPort, rabbitMqManagementPort))))),
        ]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stores.RemoveAll();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var times = await Task.WhenAll(stores._containers.Select(store => StartTimedAsync(store.Store, store.Container, deadline.Token)));
            stores.StartupTimes = string.Join(", ", times);
            return stores;
        }
        catch (Exception ex)
        {
            var output = await stores.OutputAsync();
            stores.RemoveAll();
            throw new InvalidOperationException($"The store containers did not start within {timeout.TotalSeconds:0} s ({ex.Message}). Their output:\n{output}", ex);
        }
    }

    /// <summary>
    /// What every store container shares: the host's network (set on the engine's create request: Testcontainers has
    /// no builder method for a network mode), the launcher's arguments instead of the module's own command (the
    /// PostgreSQL module adds server options to it), its owner's labels and a name that says whose it is.
    /// </summary>
    private static TBuilder OnHostNetwork<TBuilder>(TBuilder builder, string store, params string[] ports)
        where TBuilder : IContainerBuilder<TBuilder, IContainer, IContainerConfiguration> =>
        builder
            .WithName($"ticketing-test-{store}-{Environment.ProcessId}")
            .WithCreateParameterModifier(parameters => (parameters.HostConfig ??= new()).NetworkMode = "host")
            .WithCommand(new OverwriteEnumerable<string>([$"{DataRoot}/{store}", .. ports]))
            .WithLabel(ContainerOwnership.LabelsOfThisProcess());

    private static IWaitForContainerOS ReadyWhenListening(params int[] ports) =>
        ports.Aggregate(Wait.ForUnixContainer(), (wait, port) => wait.AddCustomWaitStrategy(new AcceptsConnections(port), strategy => strategy.WithInterval(TimeSpan.FromMilliseconds(250))));

    private static string Image(string store, string local) =>
        Environment.GetEnvironmentVariable($"Stores__Images__{store}") is { Length: > 0 } configured ? configured : local;

    private static async Task<string> StartTimedAsync(string store, IContainer container, CancellationToken deadline)
    {
        var clock = Stopwatch.StartNew();
        await container.StartAsync(deadline);
        return $"{store} {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
    }

    private async Task<string> OutputAsync()
    {
        var output = new List<string>();
        foreach (var (store, container) in _containers)
        {
            try
            {
                var (stdout, stderr) = await container.GetLogsAsync(timestampsEnabled: false);
                output.Add($"{store}:\n{stdout}{stderr}");
            }
            catch (Exception ex)
            {
                output.Add($"{store}: no output ({ex.Message})");
            }
        }
        return string.Join("\n", output);
    }

    /// <summary>Removes the containers with their volumes (a forced removal: the data goes with them, so no clean stop is needed).</summary>
    private void RemoveAll() =>
        Task.WhenAll(_containers.Select(store => store.Container.DisposeAsync().AsTask())).Wait(TimeSpan.FromSeconds(30));
}
