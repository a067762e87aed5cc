using System.Diagnostics;
using System.Text;
using StackExchange.Redis;

namespace Ticketing.Testing;

/// <summary>
/// A Redis Cluster of six nodes (three masters, a replica each) started with the AppHost's <c>infra/redis-cluster.sh</c>:
/// the shared one of a cluster run is started by test.sh or <see cref="TestInfrastructure"/>; a test that breaks a
/// cluster (kills a master) starts one of its own with <see cref="StartAsync"/>, so the tests after it find the shared
/// one whole. The static helpers read any cluster through a client connected to it.
/// </summary>
public sealed class LocalRedisCluster : IAsyncDisposable
{
    /// <summary>Ports a cluster takes: its six nodes, then their six cluster-bus ports.</summary>
    public const int PortSpan = 12;

    private readonly Process _script;
    private readonly string _data;
    private readonly StringBuilder _output = new();

    private LocalRedisCluster(Process script, string data, int[] ports)
    {
        _script = script;
        _data = data;
        Ports = ports;
    }

    public IReadOnlyList<int> Ports { get; }

    public string ConnectionString => string.Join(",", Ports.Select(port => $"127.0.0.1:{port}"));

    public static int[] NodePorts(int firstPort) => [.. Enumerable.Range(firstPort, 6)];

    /// <summary>A client for a test's look at the nodes: admin mode, for INFO (a node's replication, its process id).</summary>
    public static Task<ConnectionMultiplexer> ConnectAsync(string connectionString) =>
        ConnectionMultiplexer.ConnectAsync($"{connectionString},allowAdmin=true");

    /// <summary>Starts a cluster of its own on free ports; returns once it is <see cref="IsWholeAsync">whole</see>.</summary>
    public static async Task<LocalRedisCluster> StartAsync(TimeSpan timeout)
    {
        var first = FreePorts.Take(PortSpan);
        var data = Directory.CreateTempSubdirectory("ticketing-redis-cluster-").FullName;
        var start = new ProcessStartInfo(Path.Combine(TestInfrastructure.RepositoryRoot(), "AppHost", "infra", "redis-cluster.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { data, $"{first}", "no" })
        {
            start.ArgumentList.Add(arg);
        }
        var cluster = new LocalRedisCluster(Process.Start(start)!, data, NodePorts(first));
        cluster._script.OutputDataReceived += (_, line) => cluster.Remember(line.Data);
        cluster._script.ErrorDataReceived += (_, line) => cluster.Remember(line.Data);
        cluster._script.BeginOutputReadLine();
        cluster._script.BeginErrorReadLine();

        try
        {
            await cluster.WaitUntilWholeAsync(timeout);
            return cluster;
        }
        catch
        {
            // Whatever went wrong, no node outlives the test that started it.
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilWholeAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var redis = await ConnectAsync(ConnectionString);
                if (await IsWholeAsync(redis))
                {
                    return;
                }
            }
            catch (RedisException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline || _script.HasExited)
            {
                throw new TimeoutException($"The Redis Cluster on {Ports[0]}-{Ports[^1]} did not come up within {timeout}:\n{Output}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>What the script and its nodes said (for a failure message).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Whole: six nodes, each reporting <c>cluster_state:ok</c>, every master with its replica in sync
    /// (<paramref name="redis"/> connected by <see cref="ConnectAsync"/>).
    /// </summary>
    public static async Task<bool> IsWholeAsync(IConnectionMultiplexer redis)
    {
        var servers = redis.GetServers();
        if (servers.Length != 6 || servers.Any(s => !s.IsConnected))
        {
            return false;
        }
        foreach (var server in servers)
        {
            var replication = await server.InfoRawAsync("replication") ?? "";
            if (!(await ClusterInfoAsync(server)).Contains("cluster_state:ok", StringComparison.Ordinal)
                || !(replication.Contains("connected_slaves:1", StringComparison.Ordinal) || replication.Contains("master_link_status:up", StringComparison.Ordinal)))
            {
                return false;
            }
        }
        return true;
    }

    public static async Task<string> ClusterInfoAsync(IServer server) => (string)(await server.ExecuteAsync("CLUSTER", "INFO"))!;

    /// <summary>The cluster's nodes as <paramref name="server"/> sees them (<c>CLUSTER NODES</c>).</summary>
    public static async Task<IReadOnlyList<ClusterNode>> NodesAsync(IServer server) =>
        ClusterNode.ParseAll((string)(await server.ExecuteAsync("CLUSTER", "NODES"))!);

    /// <summary>The masters serving slots, in port order.</summary>
    public static IServer[] Masters(IConnectionMultiplexer redis) =>
        [.. redis.GetServers().Where(s => s.IsConnected && !s.IsReplica).OrderBy(s => s.EndPoint.ToString(), StringComparer.Ordinal)];

    /// <summary>
    /// A new id whose keys (<paramref name="keyOf"/>, any key carrying the id's hash tag) live on <paramref name="master"/>:
    /// about one id in three fits, so a few tries find one.
    /// </summary>
    public static Guid IdServedBy(IConnectionMultiplexer redis, IServer master, Func<Guid, RedisKey> keyOf)
    {
        for (var tries = 0; tries < 10_000; tries++)
        {
            var id = Guid.NewGuid();
            if (Equals(redis.GetServer(keyOf(id)).EndPoint, master.EndPoint))
            {
                return id;
            }
        }
        throw new InvalidOperationException($"no id found whose slot {master.EndPoint} serves");
    }

    /// <summary>kill -9 of the node's redis-server, found by the process id the node itself reports (admin mode needed).</summary>
    public static async Task KillAsync(IServer node)
    {
        var info = await node.InfoRawAsync("server") ?? "";
        var line = info.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("process_id:", StringComparison.Ordinal));
        using var process = Process.GetProcessById(int.Parse(line["process_id:".Length..]));
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        TestInfrastructure.Terminate(_script);
        await _script.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20)).ContinueWith(_ => { }, TaskScheduler.Default);
        _script.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A node still writing: the OS cleans the temp folder eventually.
        }
    }

    private void Remember(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

/// <summary>A node as a line of <c>CLUSTER NODES</c> describes it: "id ip:port@bus flags master ping pong epoch link slots...".</summary>
public sealed record ClusterNode(string Id, int Port, IReadOnlySet<string> Flags, string? MasterId, IReadOnlyList<(int From, int To)> Slots)
{
    public bool IsFailed => Flags.Contains("fail") || Flags.Contains("fail?");

    public bool IsMaster => Flags.Contains("master");

    public bool Serves(int slot) => Slots.Any(range => range.From <= slot && slot <= range.To);

    public static IReadOnlyList<ClusterNode> ParseAll(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];

    private static ClusterNode Parse(string line)
    {
        var parts = line.Split(' ');
        var address = parts[1].Split('@')[0];
        var slots = parts.Skip(8).Where(p => !p.StartsWith('[')).Select(p => p.Split('-')).Select(r => (int.Parse(r[0]), int.Parse(r[^1]))).ToArray();
        return new ClusterNode(parts[0], int.Parse(address[(address.LastIndexOf(':') + 1)..]), parts[2].Split(',').ToHashSet(),
            parts[3] == "-" ? null : parts[3], slots);
    }
}
