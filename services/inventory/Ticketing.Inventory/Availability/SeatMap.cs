using System.Buffers;
using Ticketing.Inventory.Holds;

namespace Ticketing.Inventory.Availability;

/// <summary>Seats of an event by state, counted.</summary>
public sealed record SeatCounts(int Available, int Held, int Sold, int Total);

/// <summary>
/// One event's seat map as this instance knows it, kept current in memory: this instance's own changes are applied
/// as they happen (a fan sees their hold at once), and the whole map is re-read from Redis at most every half second
/// (<see cref="AvailabilitySnapshots"/>) for other instances' changes and holds that ran out. A reader copies the
/// states it needs under the lock and writes them out after it (<see cref="SeatMapJson"/>).
/// Each seat remembers the number of the change it shows (<c>announce.lua</c>), so a change applied late never
/// undoes a newer one, whichever of the read and the change comes first. A seat also remembers when this instance
/// applied its change, so a read that began after it and does not have it is believed: Redis lost that change (a
/// master that failed over before its replica had it), and the event's numbers went back with it.
/// </summary>
public sealed class SeatMap
{
    private readonly Lock _lock = new();
    private readonly SeatState[] _states;
    private readonly long[] _sequences;
    private readonly long[] _appliedAt;
    private long _applied;

    public SeatMap(SeatMapLayout layout, DateTimeOffset readAt)
    {
        Layout = layout;
        ReadAt = readAt;
        _states = new SeatState[layout.Count];
        _sequences = new long[layout.Count];
        _appliedAt = new long[layout.Count];
    }

    public SeatMapLayout Layout { get; }

    /// <summary>When Redis was last read for the whole map.</summary>
    public DateTimeOffset ReadAt { get; private set; }

    /// <summary>
    /// The last seat change the whole map reflects: the one its last read from Redis saw. A watcher that takes this map
    /// and then applies every announced change numbered above it, in order, has the event's map (changes this instance
    /// applied since are already in it, and applying them again sets the same seats to the same states).
    /// </summary>
    public long Sequence { get; private set; }

    /// <summary>How many of this instance's changes were applied so far: taken before a read, it tells <see cref="Replace"/> which it must have.</summary>
    public long ChangesApplied
    {
        get
        {
            lock (_lock)
            {
                return _applied;
            }
        }
    }

    /// <summary>This instance made change number <paramref name="sequence"/> in Redis: these seats are now <paramref name="state"/>.</summary>
    public void Apply(IEnumerable<Guid> seatIds, SeatState state, long sequence)
    {
        lock (_lock)
        {
            var applied = ++_applied;
            foreach (var id in seatIds)
            {
                if (Layout.IndexById.TryGetValue(id, out var seat) && sequence > _sequences[seat])
                {
                    _sequences[seat] = sequence;
                    _states[seat] = state;
                    _appliedAt[seat] = applied;
                }
            }
        }
    }

    /// <summary>
    /// The whole map as Redis had it at change <paramref name="sequence"/> (seats not named are available), except the
    /// seats this instance has seen change since: those it applied after <paramref name="appliedBefore"/>
    /// (<see cref="ChangesApplied"/> as the read began) with a newer number than the read's.
    /// </summary>
    public void Replace(IReadOnlyDictionary<int, SeatState> states, long sequence, DateTimeOffset readAt, long appliedBefore)
    {
        lock (_lock)
        {
            for (var seat = 0; seat < _states.Length; seat++)
            {
                if (_sequences[seat] > sequence && _appliedAt[seat] > appliedBefore)
                {
                    continue;
                }
                _sequences[seat] = sequence;
                _states[seat] = states.TryGetValue(seat, out var known) ? known : SeatState.Available;
            }
            Sequence = sequence;
            ReadAt = readAt;
        }
    }

    /// <summary>One section's seats as the section endpoint answers them; null when the event has no such section.</summary>
    public SeatMapJson? SeatsJson(string section)
    {
        var index = IndexOf(section);
        return index < 0 ? null : Capture(index, 1, seatsOnly: true);
    }

    /// <summary>The map as the availability endpoint answers it: every section, or only <paramref name="section"/> (then maybe empty).</summary>
    public SeatMapJson MapJson(string? section)
    {
        if (section is null)
        {
            return Capture(0, Layout.Sections.Count, seatsOnly: false);
        }
        var index = IndexOf(section);
        return index < 0 ? Capture(0, 0, seatsOnly: false) : Capture(index, 1, seatsOnly: false);
    }

    public SeatCounts Counts()
    {
        lock (_lock)
        {
            var held = _states.Count(s => s == SeatState.Held);
            var sold = _states.Count(s => s == SeatState.Sold);
            return new SeatCounts(_states.Length - held - sold, held, sold, _states.Length);
        }
    }

    /// <summary>Copies the seats of <paramref name="count"/> sections from <paramref name="first"/> in one instant, to be written after the lock.</summary>
    private SeatMapJson Capture(int first, int count, bool seatsOnly)
    {
        var sections = Layout.Sections;
        var start = count == 0 ? 0 : sections[first].Start;
        var end = count == 0 ? 0 : sections[first + count - 1].Start + sections[first + count - 1].Count;
        var states = ArrayPool<SeatState>.Shared.Rent(end - start);
        lock (_lock)
        {
            Array.Copy(_states, start, states, 0, end - start);
        }
        return new SeatMapJson(Layout, states, first, count, seatsOnly);
    }

    private int IndexOf(string section)
    {
        for (var i = 0; i < Layout.Sections.Count; i++)
        {
            if (Layout.Sections[i].Name == section)
            {
                return i;
            }
        }
        return -1;
    }
}
