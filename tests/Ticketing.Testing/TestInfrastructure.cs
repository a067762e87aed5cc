using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;
using StackExchange.Redis;

namespace Ticketing.Testing;

/// <summary>
/// Real PostgreSQL, Redis and RabbitMQ for the tests, started once per test run.
/// The README's test command starts them (with the same scripts the AppHost uses) and passes
/// their ports in TICKETING_TEST_* variables, so every test assembly shares one set; a test run
/// from an IDE without them starts its own set here, on free ports, in a temporary folder, and
/// stops it when the process ends. Isolation comes from data, not servers: each test host gets
/// its own database and its own RabbitMQ virtual host.
/// </summary>
public sealed class TestInfrastructure
{
    public const string PostgresPassword = "ticketing-test";
    private static readonly Lazy<Task<TestInfrastructure>> Shared = new(StartAsync);
    private readonly List<Process> _owned = [];
    private readonly StringBuilder _serverOutput = new();

    private TestInfrastructure(int postgres, int redis, int rabbitMq, int rabbitMqManagement)
    {
        PostgresPort = postgres;
        RedisPort = redis;
        RabbitMqPort = rabbitMq;
        RabbitMqManagementPort = rabbitMqManagement;
    }

    public int PostgresPort { get; }

    public int RedisPort { get; }

    public int RabbitMqPort { get; }

    public int RabbitMqManagementPort { get; }

    public string RedisConnectionString => $"127.0.0.1:{RedisPort}";

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
        TestInfrastructure infrastructure;
        if (fromEnvironment is not null)
        {
            infrastructure = new TestInfrastructure(
                int.Parse(fromEnvironment),
                int.Parse(Environment.GetEnvironmentVariable("TICKETING_TEST_REDIS_PORT")!),
                int.Parse(Environment.GetEnvironmentVariable("TICKETING_TEST_RABBITMQ_PORT")!),
                int.Parse(Environment.GetEnvironmentVariable("TICKETING_TEST_RABBITMQ_MANAGEMENT_PORT")!));
        }
        else
        {
            infrastructure = new TestInfrastructure(FreePorts.Take(), FreePorts.Take(), FreePorts.Take(3), FreePorts.Take());
            infrastructure.StartOwnServers();
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

    private void StartOwnServers()
    {
        var infra = Path.Combine(RepositoryRoot(), "AppHost", "infra");
        var data = Directory.CreateTempSubdirectory("ticketing-test-").FullName;
        // The servers run as their own users (postgres, rabbitmq) and must be able to enter it.
        File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        _owned.Add(Launch(Path.Combine(infra, "postgres.sh"), [Path.Combine(data, "postgres"), $"{PostgresPort}"], ("POSTGRES_PASSWORD", PostgresPassword)));
        _owned.Add(Launch(Path.Combine(infra, "redis.sh"), [Path.Combine(data, "redis"), $"{RedisPort}", "no"]));
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
            await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisConnectionString);
            await redis.GetDatabase().PingAsync();
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
    private static void Terminate(Process process)
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
