using System.Globalization;
using System.Runtime.InteropServices;

namespace Ticketing.Faults.Tests;

/// <summary>
/// Processes under a pid, read from /proc. Aspire runs a project through a launcher (<c>dotnet run</c>) and a
/// store through its <c>infra/*.sh</c> script, so the pid in a resource snapshot is not always the process that
/// serves: a crash must take the whole tree, a graceful stop must reach the serving process itself.
/// </summary>
internal static class ProcessTree
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to the process and all its descendants, children first.</summary>
    public static void Signal(int pid, int signal)
    {
        foreach (var child in Children(pid))
        {
            Signal(child, signal);
        }
        _ = Kill(pid, signal);
    }

    /// <summary>The serving process: follow the only child down while there is one.</summary>
    public static int Leaf(int pid)
    {
        var children = Children(pid);
        return children.Count == 1 ? Leaf(children[0]) : pid;
    }

    private static List<int> Children(int pid)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var candidate))
            {
                continue;
            }
            try
            {
                // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == pid)
                {
                    children.Add(candidate);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }
        return children;
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
