using System.ComponentModel.DataAnnotations;
using System.Collections.Concurrent;

namespace Ticketing.Inventory.Live;

/// <summary>Configuration section <c>Streams</c>: how many live seat streams this instance holds open.</summary>
public sealed class StreamSettings
{
    /// <summary>Streams per instance: each is a connection and, per event, a Redis subscription.</summary>
    [Range(1, int.MaxValue)]
    public int PerInstance { get; set; } = 20_000;

    /// <summary>Streams per client address (as the gateway saw it): a fan has a tab or two open, not hundreds.</summary>
    [Range(1, int.MaxValue)]
    public int PerAddress { get; set; } = 20;
}

/// <summary>Counts the open seat streams, in all and per address, and refuses one past either cap.</summary>
public sealed class StreamLimits(StreamSettings settings)
{
    private readonly ConcurrentDictionary<string, int> _byAddress = new();
    private int _open;

    /// <summary>A lease for one more stream from <paramref name="address"/>, or null past a cap; dispose it when the stream ends.</summary>
    public IDisposable? TryOpen(string address)
    {
        if (Interlocked.Increment(ref _open) > settings.PerInstance)
        {
            Interlocked.Decrement(ref _open);
            return null;
        }
        if (_byAddress.AddOrUpdate(address, 1, (_, count) => count + 1) > settings.PerAddress)
        {
            Close(address);
            return null;
        }
        return new Lease(this, address);
    }

    private void Close(string address)
    {
        Interlocked.Decrement(ref _open);
        // Remove the entry when it reaches zero, unless another stream of the address just came in.
        if (_byAddress.AddOrUpdate(address, 0, (_, count) => count - 1) <= 0)
        {
            _byAddress.TryRemove(new KeyValuePair<string, int>(address, 0));
        }
    }

    private sealed class Lease(StreamLimits limits, string address) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                limits.Close(address);
            }
        }
    }
}
