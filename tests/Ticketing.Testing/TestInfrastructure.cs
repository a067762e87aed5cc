using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;

namespace Ticketing.Testing;

/// <summary>
/// Real PostgreSQL, Redis and RabbitMQ for the tests, started once per test run.
/// The README's test command starts them (with the same scripts the AppHost uses) and passes
/// their ports in TICKETING_TEST_* variables, so every test assembly shares one set. Without them
/// (a run from an IDE, or test.sh --containers) the test process starts its own set on free ports
/// and removes it when the process ends, in the way TICKETING_TEST_STORES chooses (<see cref="StoresModes"/>):
/// <c>local</c>, processes of the same scripts with their data in a temporary folder; <c>containers</c>,
/// containers of the store images (<see cref="ContainerStores"/>); <c>auto</c>, the default, containers when a
/// container engine answers (<c>docker info</c>, or the ASPIRE_CONTAINER_RUNTIME engine's), local processes otherwise.
/// Isolation comes from data, not servers: each test host gets its own database and its own RabbitMQ virtual host.
/// Redis is a Redis Cluster of six nodes instead of one server when TICKETING_TEST_REDIS_CLUSTER_PORT names the
/// first port of a running one (test.sh's second run of the inventory and queue suites), or when
/// TICKETING_TEST_REDIS_CLUSTER=true asks this fixture to start its own (from an IDE). A cluster run's stores are
/// local processes in every mode: the cluster is started by infra/redis-cluster.sh, which has no image.
/// </summary>
public sealed class TestInfrastructure
{
    public const string PostgresPassword = "ticketing-test";
    private static readonly Lazy<Task<TestInfrastructure>> Shared = new(StartAsync);
    private readonly List<Process> _owned = [];
    private readonly StringBuilder _serverOutput = new();

    private TestInfrastructure(int postgres, int[] redis, int rabbitMq, int rabbitMqManagement)
    {
        PostgresPort = postgres;
        RedisPorts = redis;
        RabbitMqPort = rabbitMq;
        RabbitMqManagementPort = rabbitMqManagement;
    }

    public int PostgresPort { get; }

    /// <summary>The Redis server's port, or the first node's of a cluster.</summary>
    public int RedisPort => RedisPorts[0];

    /// <summary>One port, or a cluster's six nodes.</summary>
    public IReadOnlyList<int> RedisPorts { get; }

    public bool IsRedisCluster => RedisPorts.Count > 1;

    /// <summary>Whether this test run uses a Redis Cluster; known before the stores are started (tests that need one skip without it).</summary>
    public static bool RedisClusterRequested =>
        Environment.GetEnvironmentVariable(ClusterPortVariable) is not null
        || string.Equals(Environment.GetEnvironmentVariable("TICKETING_TEST_REDIS_CLUSTER"), "true", StringComparison.OrdinalIgnoreCase);

    private const string ClusterPortVariable = "TICKETING_TEST_REDIS_CLUSTER_PORT";

    public int RabbitMqPort { get; }

    public int RabbitMqManagementPort { get; }

    /// <summary>Every node of a cluster is listed: the client finds the cluster from whichever answers.</summary>
    public string RedisConnectionString => string.Join(",", RedisPorts.Select(port => $"127.0.0.1:{port}"));

    public static Task<TestInfrastructure> GetAsync() => Shared.Value;

    public string PostgresConnectionString(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Password={PostgresPassword};Database={database};Maximum Pool Size=50";

    /// <summary>A fresh, empty RabbitMQ virtual host, so no two test hosts share a queue.</summary>
    public async Task<string> NewRabbitMqConnectionStringAsync(string prefix)
    {
        var vhost = $"{prefix}-{Guid.NewGuid():N}";
        using var http = RabbitMqManagementClient();
        (await http.PutAsync($"api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await http.PutAsync($"api/permissions/{vhost}/guest", permissions)).EnsureSuccessStatusCode();
        return $"amqp://guest:guest@127.0.0.1:{RabbitMqPort}/{vhost}";
    }

    private HttpClient RabbitMqManagementClient()
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{RabbitMqManagementPort}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        return http;
    }

    private static async Task<TestInfrastructure> StartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("TICKETING_TEST_POSTGRES_PORT");
        var runningCluster = Environment.GetEnvironmentVariable(ClusterPortVariable) is { } first ? LocalRedisCluster.NodePorts(int.Parse(first)) : null;
        TestInfrastructure infrastructure;
        if (fromEnvironment is not null)
        {
            infrastructure = new TestInfrastructure(
                int.Parse(fromEnvironment),
                runningCluster ?? [int.Parse(Environment.GetEnvironmentVariable("TICKETING_TEST_REDIS_PORT")!)],
                int.Parse(Environment.GetEnvironmentVariable("TICKETING_TEST_RABBITMQ_PORT")!),
                int.Parse(Environment.GetEnvironmentVariable("TICKETING_TEST_RABBITMQ_MANAGEMENT_PORT")!));
        }
        else
        {
            var redis = runningCluster ?? (RedisClusterRequested ? LocalRedisCluster.NodePorts(FreePorts.Take(LocalRedisCluster.PortSpan)) : [FreePorts.Take()]);
            infrastructure = new TestInfrastructure(FreePorts.Take(), redis, FreePorts.Take(3), FreePorts.Take());
            if (!RedisClusterRequested && StoresModes.Chosen() == StoresMode.Containers)
            {
                await infrastructure.StartContainersAsync();
            }
            else
            {
                infrastructure.StartOwnServers(startRedis: runningCluster is null);
            }
        }
        try
        {
            await infrastructure.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        }
        catch (OperationCanceledException)
        {
            string output;
            lock (infrastructure._serverOutput)
            {
                output = infrastructure._serverOutput.ToString();
            }
            throw new TimeoutException($"The test servers did not become ready within 90 s. Their output:\n{output}");
        }
        return infrastructure;
    }

    /// <summary>
    /// The stores as containers; how long they took is added to the file TICKETING_TEST_STORES_LOG names, when set
    /// (test.sh --containers prints it for each suite).
    /// </summary>
    private async Task StartContainersAsync()
    {
        var clock = Stopwatch.StartNew();
        var containers = await ContainerStores.StartAsync(PostgresPort, RedisPort, RabbitMqPort, RabbitMqManagementPort, TimeSpan.FromSeconds(90));
        if (Environment.GetEnvironmentVariable("TICKETING_TEST_STORES_LOG") is { Length: > 0 } log)
        {
            await File.AppendAllTextAsync(log, $"store containers ready in {clock.Elapsed.TotalSeconds:0.0} s ({containers.StartupTimes})\n");
        }
    }

    private void StartOwnServers(bool startRedis)
    {
        var infra = Path.Combine(RepositoryRoot(), "AppHost", "infra");
        var data = Directory.CreateTempSubdirectory("ticketing-test-").FullName;
        // The servers run as their own users (postgres, rabbitmq) and must be able to enter it.
        File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        _owned.Add(Launch(Path.Combine(infra, "postgres.sh"), [Path.Combine(data, "postgres"), $"{PostgresPort}"], ("POSTGRES_PASSWORD", PostgresPassword)));
        if (startRedis)
        {
            _owned.Add(IsRedisCluster
                ? Launch(Path.Combine(infra, "redis-cluster.sh"), [Path.Combine(data, "redis-cluster"), $"{RedisPort}", "no"])
                : Launch(Path.Combine(infra, "redis.sh"), [Path.Combine(data, "redis"), $"{RedisPort}", "no"]));
        }
        _owned.Add(Launch(Path.Combine(infra, "rabbitmq.sh"), [Path.Combine(data, "rabbitmq"), $"{RabbitMqPort}", $"{RabbitMqManagementPort}"]));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in _owned)
            {
                Terminate(process);
            }
            foreach (var process in _owned)
            {
                process.WaitForExit(TimeSpan.FromSeconds(20));
            }
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A server still flushing: the OS cleans the temp folder eventually.
            }
        };
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await Until(async () =>
        {
            await using var connection = new NpgsqlConnection(PostgresConnectionString("postgres"));
            await connection.OpenAsync(deadline.Token);
        }, deadline.Token);
        await Until(async () =>
        {
            await using var redis = await LocalRedisCluster.ConnectAsync(RedisConnectionString);
            await redis.GetDatabase().PingAsync();
            if (IsRedisCluster && !await LocalRedisCluster.IsWholeAsync(redis))
            {
                throw new InvalidOperationException("the Redis Cluster is not whole yet");
            }
        }, deadline.Token);
        await Until(async () =>
        {
            using var http = RabbitMqManagementClient();
            (await http.GetAsync("api/overview", deadline.Token)).EnsureSuccessStatusCode();
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, RabbitMqPort, deadline.Token);
        }, deadline.Token);
    }

    private static async Task Until(Func<Task> probe, CancellationToken deadline)
    {
        while (true)
        {
            try
            {
                await probe();
                return;
            }
            catch (Exception) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(250, deadline);
            }
        }
    }

    private Process Launch(string script, string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        var server = Path.GetFileNameWithoutExtension(script);
        process.OutputDataReceived += (_, line) => Remember(server, line.Data);
        process.ErrorDataReceived += (_, line) => Remember(server, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Remember(string server, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_serverOutput)
        {
            _serverOutput.Append(server).Append(": ").AppendLine(line);
        }
    }

    /// <summary>SIGTERM, not SIGKILL: the launcher scripts turn it into a clean stop of the server they started.</summary>
    internal static void Terminate(Process process)
    {
        if (!process.HasExited)
        {
            _ = NativeMethods.Kill(process.Id, 15);
        }
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ticketing.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Ticketing.sln not found above the test binaries.");
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill")]
        internal static extern int Kill(int pid, int signal);
    }
}
