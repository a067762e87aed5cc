using System.Globalization;

namespace Ticketing.Bench;

/// <summary>
/// CPU time the system spent between two readings, per part (<see cref="SystemProcesses"/>) and in all, from
/// <c>/proc/&lt;pid&gt;/stat</c>: user + system time of each process, plus that of its children that ended and were
/// waited for. That last part keeps PostgreSQL honest: a backend that connects and quits during a run is gone from
/// <c>/proc</c> at the end, but its time was added to the postmaster's. The generator is left out.
/// </summary>
public sealed class SystemCpu
{
    /// <summary>Linux reports these times in USER_HZ, 100 per second on every architecture it exposes to /proc.</summary>
    private const double MillisecondsPerTick = 10;

    private readonly Dictionary<string, long> _start;
    private readonly long _machineStart;

    private SystemCpu(Dictionary<string, long> start, long machineStart) => (_start, _machineStart) = (start, machineStart);

    public static SystemCpu Start() => new(ReadParts(), ReadMachineBusy());

    /// <summary>What each part used since <see cref="Start"/>; <paramref name="operations"/> divides it per operation.</summary>
    public CpuUsed Stop(int operations)
    {
        var now = ReadParts();
        var machine = (ReadMachineBusy() - _machineStart) * MillisecondsPerTick;
        var parts = now.Keys.Union(_start.Keys)
            .Select(part => (part, ms: Math.Max(0, now.GetValueOrDefault(part) - _start.GetValueOrDefault(part)) * MillisecondsPerTick))
            .OrderByDescending(p => p.ms)
            .ToDictionary(p => p.part, p => p.ms);
        var total = parts.Values.Sum();
        var perOperation = operations > 0 ? total / operations : 0;
        return new CpuUsed(
            Math.Round(total), Math.Round(machine), operations, Math.Round(perOperation, 2),
            parts.ToDictionary(p => p.Key, p => operations > 0 ? Math.Round(p.Value / operations, 2) : 0));
    }

    private static Dictionary<string, long> ReadParts() =>
        SystemProcesses.Find().ToDictionary(kv => kv.Key, kv => kv.Value.Sum(Ticks));

    private static long Ticks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // After the command name in parentheses (which may hold spaces): field 3 onwards. utime is field 14,
            // stime 15, cutime 16, cstime 17.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0; // ended between the listing and the read: its time is now its parent's
        }
    }

    /// <summary>Busy time of the whole machine (all cores; everything but idle and iowait), for context.</summary>
    private static long ReadMachineBusy()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return cpu.Sum() - cpu[3] - cpu[4];
    }
}

/// <summary>
/// The system's CPU over a run: in all, per operation, and per operation for each part (ms). <see cref="MachineMs"/>
/// is every process of the machine, the generator included, to show how much of it the system had.
/// </summary>
public sealed record CpuUsed(double SystemMs, double MachineMs, int Operations, double MsPerOperation, IReadOnlyDictionary<string, double> MsPerOperationByPart)
{
    public override string ToString() =>
        $"CPU {MsPerOperation:F2} ms per operation over {Operations} ({SystemMs / 1000:F1} s of the system's, {MachineMs / 1000:F1} s of the machine's): "
        + string.Join(", ", MsPerOperationByPart.Where(p => p.Value > 0).Select(p => $"{p.Key} {p.Value:F2}"));
}
