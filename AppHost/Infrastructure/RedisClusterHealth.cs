using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ticketing.AppHost.Infrastructure;

/// <summary>
/// A Redis Cluster is ready when it says so: its nodes accept connections long before they have met and shared out
/// the slots, and a service started then would meet CLUSTERDOWN. The AppHost does not reference a Redis client, so
/// the question is asked in Redis's own protocol (RESP): <c>CLUSTER INFO</c>, answered by a bulk string.
/// </summary>
public static class RedisClusterHealth
{
    private static readonly byte[] ClusterInfo = "*2\r\n$7\r\nCLUSTER\r\n$4\r\nINFO\r\n"u8.ToArray();
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Healthy when the first node that answers reports <c>cluster_state:ok</c>; a node down is passed over.</summary>
    public static async Task<HealthCheckResult> CheckAsync(IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        foreach (var port in ports)
        {
            string info;
            try
            {
                info = await AskAsync(port, cancellationToken);
            }
            catch (Exception ex) when ((ex is SocketException or IOException or OperationCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                continue;
            }
            return info.Contains("cluster_state:ok", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"the node on port {port} reports {StateLine(info)}");
        }
        return HealthCheckResult.Unhealthy($"no Redis Cluster node answers on ports {ports[0]}-{ports[^1]}");
    }

    private static async Task<string> AskAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(NodeTimeout);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(ClusterInfo, timeout.Token);
        // "$<length>\r\n<text>\r\n", or "-ERR ...\r\n" from a node that is not in cluster mode.
        var reply = new MemoryStream();
        var buffer = new byte[4096];
        while (!IsComplete(reply.GetBuffer().AsSpan(0, (int)reply.Length)))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                throw new IOException($"the node on port {port} closed the connection");
            }
            reply.Write(buffer, 0, read);
        }
        return Encoding.UTF8.GetString(reply.GetBuffer(), 0, (int)reply.Length);
    }

    private static bool IsComplete(ReadOnlySpan<byte> reply)
    {
        var header = reply.IndexOf("\r\n"u8);
        if (header < 0)
        {
            return false;
        }
        if (reply[0] != (byte)'$')
        {
            return true;
        }
        var length = int.Parse(Encoding.ASCII.GetString(reply[1..header]), CultureInfo.InvariantCulture);
        return reply.Length >= header + 2 + Math.Max(length, 0) + 2;
    }

    private static string StateLine(string info) =>
        info.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith("cluster_state:", StringComparison.Ordinal))
            ?? info.Trim();
}
