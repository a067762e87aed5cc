using System.Globalization;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace Ticketing.Testing;

/// <summary>
/// Which test process a store container belongs to, written on it as labels, so containers outlive no run. Their
/// process removes them when it ends (<see cref="ContainerStores"/>); a process that cannot (kill -9, a crash) leaves
/// them behind, and the next fixture to start containers removes every labelled container whose owner is gone.
/// </summary>
internal static class ContainerOwnership
{
    /// <summary>On every test store container: the owner's process id.</summary>
    public const string OwnerLabel = "ticketing.test-owner";

    /// <summary>The owner's start time (clock ticks since boot), so a process id the system reused is not taken for the owner.</summary>
    private const string OwnerStartedLabel = "ticketing.test-owner-started";

    /// <summary>test.sh's run, when it set TICKETING_TEST_RUN: what its exit trap removes.</summary>
    private const string RunLabel = "ticketing.test-run";

    public static IReadOnlyDictionary<string, string> LabelsOfThisProcess()
    {
        var labels = new Dictionary<string, string>
        {
            [OwnerLabel] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            [OwnerStartedLabel] = StartTicks(Environment.ProcessId) ?? "",
        };
        if (Environment.GetEnvironmentVariable("TICKETING_TEST_RUN") is { Length: > 0 } run)
        {
            labels[RunLabel] = run;
        }
        return labels;
    }

    /// <summary>Removes the test store containers whose owner process has ended; returns how many.</summary>
    public static async Task<int> RemoveOrphansAsync()
    {
        using var engine = TestcontainersSettings.OS.DockerEndpointAuthConfig.GetDockerClientBuilder().Build();
        var labelled = await engine.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [OwnerLabel] = true } },
        });
        var orphans = labelled.Where(container => !OwnerIsAlive(container.Labels)).ToList();
        foreach (var orphan in orphans)
        {
            await engine.Containers.RemoveContainerAsync(orphan.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true });
        }
        return orphans.Count;
    }

    private static bool OwnerIsAlive(IDictionary<string, string> labels)
    {
        if (!labels.TryGetValue(OwnerLabel, out var owner) || !int.TryParse(owner, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }
        var started = StartTicks(pid);
        return started is not null && (!labels.TryGetValue(OwnerStartedLabel, out var recorded) || recorded.Length == 0 || recorded == started);
    }

    /// <summary>Field 22 of /proc/PID/stat, the process's start in clock ticks since boot; null when there is no such process.</summary>
    private static string? StartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count from after it.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
