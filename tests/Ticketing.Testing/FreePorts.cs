using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Ticketing.Testing;

/// <summary>
/// Loopback ports for servers a test starts, free now and still free when the server binds them seconds later.
/// Two things can take a port in between, and each is ruled out:
/// <list type="bullet">
/// <item>an outgoing connection: the kernel gives those a source port from its ephemeral range, which is also where
/// "bind to port 0" finds one. A whole system booting makes hundreds of connections before its gateway binds, so
/// ports are taken below that range instead;</item>
/// <item>another test process picking the same port: each port is claimed by an exclusive lock on a file named
/// after it, held until this process ends (the kernel drops the lock when a process dies, even by kill -9).</item>
/// </list>
/// README's test command picks the shared stores' ports from 10000-19999, so the two never meet.
/// </summary>
public static class FreePorts
{
    private const int Lowest = 20000;

    private static readonly string ClaimDirectory = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), $"ticketing-ports-{Environment.UserName}")).FullName;

    private static readonly int Highest = EphemeralRangeStart();

    private static readonly ConcurrentBag<FileStream> Claims = [];

    /// <summary>A free port; with <paramref name="span"/> > 1, the first of that many consecutive free ports.</summary>
    public static int Take(int span = 1)
    {
        while (true)
        {
            var port = Random.Shared.Next(Lowest, Highest - span);
            var claimed = new List<FileStream>();
            foreach (var candidate in Enumerable.Range(port, span))
            {
                if (TryClaim(candidate) is not { } claim || !IsFree(candidate))
                {
                    break;
                }
                claimed.Add(claim);
            }
            if (claimed.Count == span)
            {
                claimed.ForEach(Claims.Add);
                return port;
            }
            claimed.ForEach(claim => claim.Dispose());
        }
    }

    /// <summary>The first port the kernel hands to outgoing connections (32768 unless configured otherwise).</summary>
    private static int EphemeralRangeStart()
    {
        try
        {
            var start = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0]);
            return Math.Max(start, Lowest + 1000);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return 32768;
        }
    }

    /// <summary>An exclusive lock on the port's file (FileShare.None is an advisory lock on Linux), or null when another process holds it.</summary>
    private static FileStream? TryClaim(int port)
    {
        try
        {
            return new FileStream(Path.Combine(ClaimDirectory, $"{port}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
