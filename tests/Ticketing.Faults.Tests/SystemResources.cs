using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Ticketing.Faults.Tests;

/// <summary>
/// The running AppHost's processes, as an operator (or a crash) would treat them: SIGKILL or SIGTERM the
/// real process (the pid in the resource snapshot, and what it started), or stop and start a resource
/// through Aspire's own resource commands, then wait for it to be healthy again.
/// </summary>
public sealed class SystemResources(DistributedApplication app, string dataDirectory)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The process id Aspire reports for the resource (for a project, its launcher, see <see cref="ProcessTree"/>).</summary>
    public int ProcessId(string name)
    {
        if (!app.ResourceNotifications.TryGetCurrentState(name, out var state))
        {
            throw new InvalidOperationException($"{name}: no state");
        }
        var pid = state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
        return pid is null ? throw new InvalidOperationException($"{name}: no process id in its snapshot")
            : Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }

    /// <summary>The port the resource's process listens on for <paramref name="endpoint"/> (<c>http</c>, <c>grpc</c>).</summary>
    public int Port(string name, string endpoint) =>
        Resource(name).Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == endpoint).TargetPort
            ?? throw new InvalidOperationException($"{name}/{endpoint} has no port");

    public string State(string name) =>
        app.ResourceNotifications.TryGetCurrentState(name, out var state) ? state.Snapshot.State?.Text ?? "?" : "?";

    /// <summary>kill -9 of the resource's process and everything it started: a crash, nothing flushed, nothing said goodbye.</summary>
    public async Task KillAsync(string name)
    {
        var pid = ProcessId(name);
        ProcessTree.Signal(pid, ProcessTree.SigKill);
        await WaitUntilGoneAsync(name, pid, TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM to the service's own process (not its launcher): the graceful stop an orchestrator asks for.</summary>
    public async Task TerminateAsync(string name, TimeSpan timeout)
    {
        var pid = ProcessId(name);
        var leaf = ProcessTree.Leaf(pid);
        ProcessTree.Signal(leaf, ProcessTree.SigTerm);
        await WaitUntilGoneAsync(name, leaf, timeout);
        await WaitUntilGoneAsync(name, pid, TimeSpan.FromSeconds(30));
    }

    /// <summary>What happened out of the ordinary while injecting faults (a stop that needed a SIGKILL), for the figures.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>
    /// Aspire's stop command (SIGTERM to the launcher script, which stops the server cleanly). Aspire gives up
    /// waiting after a few seconds, which a busy PostgreSQL's shutdown checkpoint can exceed: then wait for the
    /// stop to finish, and only if it does not, SIGKILL (noted in <see cref="Notes"/>).
    /// </summary>
    public async Task StopAsync(string name)
    {
        var pid = ProcessId(name);
        try
        {
            await CommandAsync(name, KnownResourceCommands.StopCommand);
        }
        catch (InvalidOperationException ex)
        {
            Notes.Add($"Aspire's stop of {name} timed out ({ex.Message})");
        }
        try
        {
            await WaitUntilGoneAsync(name, pid, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Notes.Add($"{name} did not stop within 60 s of SIGTERM: SIGKILL");
            ProcessTree.Signal(pid, ProcessTree.SigKill);
            await WaitUntilGoneAsync(name, pid, TimeSpan.FromSeconds(30));
        }
    }

    public Task StartAsync(string name) => CommandAsync(name, KnownResourceCommands.StartCommand);

    public async Task WaitHealthyAsync(string name, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        // Running first: right after a start command the snapshot may still carry the exit of the killed
        // process, which a health wait would take for a failed start.
        await app.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.Running, deadline.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(name, deadline.Token);
    }

    /// <summary>The folder a store keeps its data in (AppHost: Infrastructure:DataDirectory/name).</summary>
    public string DataFolder(string name) => Path.Combine(dataDirectory, name);

    private async Task CommandAsync(string name, string command)
    {
        var resource = Resource(name);
        using var deadline = new CancellationTokenSource(CommandTimeout);
        var result = await app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command, deadline.Token);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} {name}: {result.Message}");
        }
    }

    private IResource Resource(string name) =>
        app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);

    /// <summary>
    /// Until the process is gone and Aspire no longer reports it running. The process itself is the truth:
    /// after a stop command Aspire may report a state other than a terminal one (seen: Unknown).
    /// </summary>
    private async Task WaitUntilGoneAsync(string name, int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Directory.Exists($"/proc/{pid}") || State(name) == KnownResourceStates.Running)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{name} (pid {pid}) still {State(name)} after {timeout}");
            }
            await Task.Delay(100);
        }
    }
}
