using System.Collections.Concurrent;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ticketing.Testing.AppHost;

/// <summary>
/// Why a boot failed, in the few lines a CI log's tail keeps: the last lines of every resource that is not running
/// and healthy (a process that exits at start says why there, and nowhere else), then every resource's state and
/// health as the dashboard shows them. The logs are watched from before the start: Aspire keeps a resource's log
/// only while someone reads it.
/// </summary>
internal sealed class BootReport : IAsyncDisposable
{
    private const int LinesPerResource = 12;

    private static readonly TimeSpan LogQuiet = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan LogWaitLimit = TimeSpan.FromSeconds(5);

    private readonly DistributedApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Queue<string>> _tails = new();
    private readonly ConcurrentDictionary<string, Task> _watchers = new();
    private readonly Task _discovery;
    private long _received;

    private BootReport(DistributedApplication app)
    {
        _app = app;
        _discovery = DiscoverAsync();
    }

    /// <summary>Starts reading every resource's log; call before the application starts.</summary>
    public static BootReport Watch(DistributedApplication app) => new(app);

    public async Task<string> DescribeAsync(string failure)
    {
        await LogsQuietAsync();
        var report = new StringBuilder(failure);
        var states = new List<string>();
        foreach (var resource in Model(_app).Resources)
        {
            if (!_app.ResourceNotifications.TryGetCurrentState(resource.Name, out var state) || state.Snapshot.IsHidden)
            {
                continue;
            }
            var (text, health) = (state.Snapshot.State?.Text ?? "?", state.Snapshot.HealthStatus);
            states.Add($"{resource.Name} {text}/{health?.ToString() ?? "-"}");
            if (text != KnownResourceStates.Running || health is not (null or HealthStatus.Healthy))
            {
                report.Append($"\n  {resource.Name} ({text}, exit code {state.Snapshot.ExitCode?.ToString() ?? "-"}) last wrote:");
                foreach (var line in Tail(resource.Name))
                {
                    report.Append("\n    ").Append(line);
                }
            }
        }
        return report.Append("\n  states: ").AppendJoin(", ", states).ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _discovery;
        await Task.WhenAll(_watchers.Values);
        _stop.Dispose();
    }

    private static DistributedApplicationModel Model(DistributedApplication app) =>
        app.Services.GetRequiredService<DistributedApplicationModel>();

    /// <summary>
    /// Each process's log is kept under its own id (gateway-abcd1234), known once the orchestrator creates it, so
    /// the ids come from the resources' state changes.
    /// </summary>
    private async Task DiscoverAsync()
    {
        var loggers = _app.Services.GetRequiredService<ResourceLoggerService>();
        try
        {
            await foreach (var change in _app.ResourceNotifications.WatchAsync(_stop.Token))
            {
                _ = _watchers.GetOrAdd(change.ResourceId, id => WatchAsync(loggers, id, change.Resource.Name));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WatchAsync(ResourceLoggerService loggers, string id, string name)
    {
        var tail = _tails.GetOrAdd(name, _ => new Queue<string>());
        try
        {
            await foreach (var batch in loggers.WatchAsync(id).WithCancellation(_stop.Token))
            {
                Interlocked.Add(ref _received, batch.Count);
                lock (tail)
                {
                    foreach (var line in batch)
                    {
                        tail.Enqueue(line.Content.Length > 240 ? line.Content[..240] : line.Content);
                        if (tail.Count > LinesPerResource)
                        {
                            tail.Dequeue();
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private string[] Tail(string name)
    {
        var tail = _tails.GetOrAdd(name, _ => new Queue<string>());
        lock (tail)
        {
            return [.. tail];
        }
    }

    /// <summary>A process's last output reaches Aspire a moment after its exit does: wait until the logs go quiet.</summary>
    private async Task LogsQuietAsync()
    {
        var deadline = DateTime.UtcNow + LogWaitLimit;
        var seen = -1L;
        while (Interlocked.Read(ref _received) != seen && DateTime.UtcNow < deadline)
        {
            seen = Interlocked.Read(ref _received);
            await Task.Delay(LogQuiet);
        }
    }
}
