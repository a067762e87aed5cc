using System.Buffers;
using System.Text.Json;
using Ticketing.Inventory.Holds;

namespace Ticketing.Inventory.Availability;

/// <summary>Seats of an event by state, counted.</summary>
public sealed record SeatCounts(int Available, int Held, int Sold, int Total);

/// <summary>
/// One event's seat map as this instance knows it, kept current in memory: this instance's own changes are applied
/// as they happen (a fan sees their hold at once), and the whole map is re-read from Redis at most every half second
/// (<see cref="AvailabilitySnapshots"/>) for other instances' changes and holds that ran out. Each section's JSON is
/// built from the seats' ready-made JSON when a reader first asks after a change, and shared by the readers after it.
/// </summary>
public sealed class SeatMap
{
    private static readonly byte[] NoSections = "[]"u8.ToArray();
    private readonly Lock _lock = new();
    private readonly SeatState[] _states;
    private readonly byte[]?[] _seatsJson;
    private readonly byte[]?[] _sectionJson;
    private readonly List<(int[] Seats, SeatState State)> _sinceReadStarted = [];
    private bool _reading;

    public SeatMap(SeatMapLayout layout, DateTimeOffset readAt)
    {
        Layout = layout;
        ReadAt = readAt;
        _states = new SeatState[layout.Count];
        _seatsJson = new byte[]?[layout.Sections.Count];
        _sectionJson = new byte[]?[layout.Sections.Count];
    }

    public SeatMapLayout Layout { get; }

    /// <summary>When Redis was last read for the whole map.</summary>
    public DateTimeOffset ReadAt { get; private set; }

    /// <summary>This instance changed these seats (after the change was made in Redis).</summary>
    public void Apply(IEnumerable<Guid> seatIds, SeatState state)
    {
        var seats = seatIds.Where(Layout.IndexById.ContainsKey).Select(id => Layout.IndexById[id]).ToArray();
        lock (_lock)
        {
            Set(seats, state);
            if (_reading)
            {
                _sinceReadStarted.Add((seats, state));
            }
        }
    }

    /// <summary>A read of the whole map from Redis is starting: changes applied from now on are applied again after it.</summary>
    public void ReadStarting()
    {
        lock (_lock)
        {
            _reading = true;
            _sinceReadStarted.Clear();
        }
    }

    /// <summary>
    /// The whole map as Redis had it (seats not named are available), then this instance's changes made while it was
    /// being read: a change applied before the read reached Redis is in both, and setting it twice is harmless.
    /// </summary>
    public void Replace(IReadOnlyDictionary<int, SeatState> states, DateTimeOffset readAt)
    {
        lock (_lock)
        {
            for (var section = 0; section < Layout.Sections.Count; section++)
            {
                var (start, count) = (Layout.Sections[section].Start, Layout.Sections[section].Count);
                for (var seat = start; seat < start + count; seat++)
                {
                    var state = states.TryGetValue(seat, out var known) ? known : SeatState.Available;
                    if (_states[seat] != state)
                    {
                        _states[seat] = state;
                        Changed(section);
                    }
                }
            }
            foreach (var (seats, state) in _sinceReadStarted)
            {
                Set(seats, state);
            }
            _sinceReadStarted.Clear();
            _reading = false;
            ReadAt = readAt;
        }
    }

    /// <summary>One section's seats as the section endpoint answers them; null when the event has no such section.</summary>
    public byte[]? SeatsJson(string section)
    {
        var index = IndexOf(section);
        if (index < 0)
        {
            return null;
        }
        lock (_lock)
        {
            return _seatsJson[index] ??= BuildSeatsJson(index);
        }
    }

    /// <summary>The map as the availability endpoint answers it: every section, or only <paramref name="section"/> (then maybe empty).</summary>
    public byte[] MapJson(string? section)
    {
        if (section is not null)
        {
            var index = IndexOf(section);
            if (index < 0)
            {
                return NoSections;
            }
            lock (_lock)
            {
                return _sectionJson[index] ??= Write(writer => WriteSection(writer, index));
            }
        }
        lock (_lock)
        {
            return Write(writer =>
            {
                for (var i = 0; i < Layout.Sections.Count; i++)
                {
                    WriteSection(writer, i);
                }
            });
        }
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

    private void Set(int[] seats, SeatState state)
    {
        foreach (var seat in seats)
        {
            if (_states[seat] != state)
            {
                _states[seat] = state;
                Changed(SectionOf(seat));
            }
        }
    }

    private void Changed(int section)
    {
        _seatsJson[section] = null;
        _sectionJson[section] = null;
    }

    private int SectionOf(int seat)
    {
        for (var i = Layout.Sections.Count - 1; i > 0; i--)
        {
            if (seat >= Layout.Sections[i].Start)
            {
                return i;
            }
        }
        return 0;
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

    private int Available(int section)
    {
        var (start, count) = (Layout.Sections[section].Start, Layout.Sections[section].Count);
        var available = 0;
        for (var seat = start; seat < start + count; seat++)
        {
            available += _states[seat] == SeatState.Available ? 1 : 0;
        }
        return available;
    }

    private byte[] BuildSeatsJson(int section)
    {
        var (start, count) = (Layout.Sections[section].Start, Layout.Sections[section].Count);
        var length = 2 + Math.Max(0, count - 1);
        for (var seat = start; seat < start + count; seat++)
        {
            length += Layout.Fragments[seat][(int)_states[seat]].Length;
        }
        var json = new byte[length];
        var at = 0;
        json[at++] = (byte)'[';
        for (var seat = start; seat < start + count; seat++)
        {
            if (seat > start)
            {
                json[at++] = (byte)',';
            }
            var fragment = Layout.Fragments[seat][(int)_states[seat]];
            fragment.CopyTo(json, at);
            at += fragment.Length;
        }
        json[at] = (byte)']';
        return json;
    }

    private void WriteSection(Utf8JsonWriter writer, int section)
    {
        var layout = Layout.Sections[section];
        var names = Layout.Names;
        writer.WriteStartObject();
        writer.WriteString(names.Section, layout.Name);
        writer.WriteNumber(names.Available, Available(section));
        writer.WriteNumber(names.Total, layout.Count);
        writer.WriteNumber(names.MinPrice, layout.MinPrice);
        writer.WriteNumber(names.MaxPrice, layout.MaxPrice);
        writer.WritePropertyName(names.Seats);
        writer.WriteRawValue(_seatsJson[section] ??= BuildSeatsJson(section), skipInputValidation: true);
        writer.WriteEndObject();
    }

    private byte[] Write(Action<Utf8JsonWriter> content)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Layout.WriterOptions))
        {
            writer.WriteStartArray();
            content(writer);
            writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
