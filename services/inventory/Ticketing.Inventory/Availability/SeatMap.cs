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
/// Each seat remembers the number of the change it shows (<c>announce.lua</c>), so a change applied late never
/// undoes a newer one, whichever of the read and the change comes first.
/// </summary>
public sealed class SeatMap
{
    private static readonly byte[] NoSections = "[]"u8.ToArray();
    private readonly Lock _lock = new();
    private readonly SeatState[] _states;
    private readonly long[] _sequences;
    private readonly byte[]?[] _seatsJson;
    private readonly byte[]?[] _sectionJson;

    public SeatMap(SeatMapLayout layout, DateTimeOffset readAt)
    {
        Layout = layout;
        ReadAt = readAt;
        _states = new SeatState[layout.Count];
        _sequences = new long[layout.Count];
        _seatsJson = new byte[]?[layout.Sections.Count];
        _sectionJson = new byte[]?[layout.Sections.Count];
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

    /// <summary>This instance made change number <paramref name="sequence"/> in Redis: these seats are now <paramref name="state"/>.</summary>
    public void Apply(IEnumerable<Guid> seatIds, SeatState state, long sequence)
    {
        lock (_lock)
        {
            foreach (var id in seatIds)
            {
                if (Layout.IndexById.TryGetValue(id, out var seat) && sequence > _sequences[seat])
                {
                    _sequences[seat] = sequence;
                    Set(seat, state);
                }
            }
        }
    }

    /// <summary>
    /// The whole map as Redis had it at change <paramref name="sequence"/> (seats not named are available), except the
    /// seats this instance has seen change since.
    /// </summary>
    public void Replace(IReadOnlyDictionary<int, SeatState> states, long sequence, DateTimeOffset readAt)
    {
        lock (_lock)
        {
            for (var seat = 0; seat < _states.Length; seat++)
            {
                if (_sequences[seat] > sequence)
                {
                    continue;
                }
                _sequences[seat] = sequence;
                Set(seat, states.TryGetValue(seat, out var known) ? known : SeatState.Available);
            }
            Sequence = sequence;
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

    private void Set(int seat, SeatState state)
    {
        if (_states[seat] != state)
        {
            _states[seat] = state;
            Changed(SectionOf(seat));
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
