using System.Globalization;

namespace Ticketing.Bench;

/// <summary>
/// The system's processes on this machine, by part: the five services and the gateway, PostgreSQL (the postmaster and
/// every backend), Redis, RabbitMQ (the Erlang VM and its helpers), the Aspire dashboard, and Aspire's own processes
/// (the AppHost, its orchestrator dcp and the launchers of each project). The generator itself is never one of them,
/// so it must run on the system's machine for the figures to mean anything.
/// </summary>
public static class SystemProcesses
{
    private static readonly string[] Services = ["Ticketing.Gateway", "Ticketing.Identity", "Ticketing.Catalog", "Ticketing.Inventory", "Ticketing.Queue", "Ticketing.Orders"];

    /// <summary>Part name to the ids of its processes now.</summary>
    public static IReadOnlyDictionary<string, int[]> Find()
    {
        var self = Environment.ProcessId;
        var found = new Dictionary<string, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == self || ReadCommand(dir) is not { } command)
            {
                continue;
            }
            if (PartOf(command) is { } part)
            {
                (found.TryGetValue(part, out var pids) ? pids : found[part] = []).Add(pid);
            }
        }
        return found.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    public static IReadOnlyDictionary<string, long> ResidentMegabytes(IReadOnlyDictionary<string, int[]> processes) =>
        processes.Where(kv => kv.Key is not ("aspire" or "dashboard")).ToDictionary(kv => kv.Key, kv => kv.Value.Sum(ResidentKilobytes) / 1024);

    private static string? PartOf(string command)
    {
        if (command.Contains("Ticketing.Bench", StringComparison.Ordinal))
        {
            return null;
        }
        // `dotnet run --project …` launches each project and then only waits for it: Aspire's, not the service's.
        if (command.StartsWith("dotnet run", StringComparison.Ordinal) || command.Contains("Ticketing.AppHost", StringComparison.Ordinal)
            || command.Contains("/dcp ", StringComparison.Ordinal) || command.Contains("/dcpctrl", StringComparison.Ordinal))
        {
            return "aspire";
        }
        if (Services.FirstOrDefault(s => command.Contains($"/{s} ", StringComparison.Ordinal) || command.Contains($"/{s}.dll", StringComparison.Ordinal)
            || command.EndsWith($"/{s}", StringComparison.Ordinal)) is { } service)
        {
            return service["Ticketing.".Length..].ToLowerInvariant();
        }
        return command switch
        {
            _ when command.Contains("Aspire.Dashboard", StringComparison.Ordinal) => "dashboard",
            _ when command.StartsWith("redis-server", StringComparison.Ordinal) => "redis",
            _ when command.Contains("beam.smp", StringComparison.Ordinal) || command.Contains("erl_child_setup", StringComparison.Ordinal)
                || command.Contains("/epmd", StringComparison.Ordinal) || command.Contains("inet_gethost", StringComparison.Ordinal) => "rabbitmq",
            _ when command.StartsWith("postgres", StringComparison.Ordinal) || command.Contains("/bin/postgres ", StringComparison.Ordinal) => "postgres",
            _ => null,
        };
    }

    private static string? ReadCommand(string dir)
    {
        try
        {
            var command = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').TrimEnd();
            return command.Length == 0 ? null : command; // kernel threads have none
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // the process ended meanwhile
        }
    }

    private static long ResidentKilobytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // the process ended (a PostgreSQL backend): it holds no memory any more
        }
    }
}
