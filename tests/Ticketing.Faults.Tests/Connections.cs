using System.Globalization;

namespace Ticketing.Faults.Tests;

/// <summary>The kernel's socket tables: who is connected to a port on this machine, whatever process holds it.</summary>
public static class Connections
{
    private const string Established = "01";

    /// <summary>Established TCP connections whose server side is <paramref name="port"/> (IPv4 and IPv6 loopback alike).</summary>
    public static int To(int port)
    {
        var local = $":{port.ToString("X4", CultureInfo.InvariantCulture)}";
        return new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(fields => fields.Length > 3 && fields[1].EndsWith(local, StringComparison.Ordinal) && fields[3] == Established);
    }
}
