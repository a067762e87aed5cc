using System.Globalization;
using Ticketing.Testing;

namespace Ticketing.Platform.Tests;

/// <summary>
/// The stores as the AppHost's scripts start them (the tests run the same scripts) listen on loopback only: RabbitMQ's
/// Erlang distribution port and its epmd above all, which accept any node that knows the cookie.
/// </summary>
public sealed class StoreExposureTests
{
    [Fact]
    public async Task RabbitMq_AmqpManagementEpmdAndDistribution_ListenOnLoopbackOnly()
    {
        var stores = await TestInfrastructure.GetAsync();
        // rabbitmq.sh: epmd on AMQP + 1, Erlang distribution on AMQP + 2.
        int[] ports = [stores.RabbitMqPort, stores.RabbitMqPort + 1, stores.RabbitMqPort + 2, stores.RabbitMqManagementPort];

        var listening = ListeningSockets().Where(s => ports.Contains(s.Port)).ToArray();

        Assert.Equal(ports.Order(), listening.Select(s => s.Port).Distinct().Order());
        Assert.All(listening, s => Assert.True(s.Address is "127.0.0.1" or "::1", $"port {s.Port} listens on {s.Address}"));
    }

    [Fact]
    public async Task PostgresAndRedis_ListenOnLoopbackOnly()
    {
        var stores = await TestInfrastructure.GetAsync();
        int[] ports = [stores.PostgresPort, stores.RedisPort];

        var listening = ListeningSockets().Where(s => ports.Contains(s.Port)).ToArray();

        Assert.Equal(ports.Order(), listening.Select(s => s.Port).Distinct().Order());
        Assert.All(listening, s => Assert.True(s.Address is "127.0.0.1" or "::1", $"port {s.Port} listens on {s.Address}"));
    }

    /// <summary>Every TCP socket in LISTEN state on this machine, from the kernel's tables (IPv4 and IPv6).</summary>
    private static IEnumerable<(string Address, int Port)> ListeningSockets()
    {
        const string Listen = "0A";
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields[3] != Listen)
                {
                    continue;
                }
                var (address, port) = (fields[1][..fields[1].IndexOf(':')], fields[1][(fields[1].IndexOf(':') + 1)..]);
                yield return (AddressOf(address), int.Parse(port, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>The kernel writes addresses as hex words in host (little-endian) order.</summary>
    private static string AddressOf(string hex) => hex switch
    {
        "0100007F" => "127.0.0.1",
        "00000000" => "0.0.0.0",
        "00000000000000000000000001000000" => "::1",
        "00000000000000000000000000000000" => "::",
        _ => hex,
    };
}
