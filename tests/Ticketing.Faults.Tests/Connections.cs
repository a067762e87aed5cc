using System.Globalization;

namespace Ticketing.Faults.Tests;

/// <summary>The kernel's socket tables: which process holds a connection to which port on this machine.</summary>
public static class Connections
{
    private const string Established = "01";

    /// <summary>
    /// Established TCP connections process <paramref name="pid"/> holds to <paramref name="port"/> (IPv4 and IPv6
    /// loopback alike): the rows of /proc/net/tcp* whose remote end is the port and whose socket is one of its files.
    /// </summary>
    public static int From(int pid, int port)
    {
        var sockets = Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .OfType<string>()
            .Where(target => target.StartsWith("socket:[", StringComparison.Ordinal))
            .Select(target => target["socket:[".Length..^1])
            .ToHashSet(StringComparer.Ordinal);
        var remote = $":{port.ToString("X4", CultureInfo.InvariantCulture)}";
        return new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(fields => fields.Length > 9 && fields[2].EndsWith(remote, StringComparison.Ordinal) && fields[3] == Established
                && sockets.Contains(fields[9]));
    }
}
