using System.Buffers;
using System.Text.Json;
using Ticketing.Inventory.Holds;

namespace Ticketing.Inventory.Availability;

/// <summary>
/// Seat states copied from a <see cref="SeatMap"/> in one instant, written as the API's JSON once the map's lock is let
/// go: each seat's ready-made fragment goes straight into the response. No copy of the whole answer is built: a section
/// of 1,250 seats is about 150 KB, which the runtime puts on the large-object heap, and in a rush (where every hold
/// changes the section) building one per read cost a full garbage collection every few dozen reads.
/// </summary>
public sealed class SeatMapJson : IResult
{
    private const int FlushAt = 16 * 1024;
    private readonly SeatMapLayout _layout;
    private readonly SeatState[] _states;
    private readonly int _firstSeat;
    private readonly int _firstSection;
    private readonly int _sectionCount;
    private readonly bool _seatsOnly;

    /// <summary>
    /// <paramref name="sectionCount"/> sections from <paramref name="firstSection"/>, as bare seat arrays when
    /// <paramref name="seatsOnly"/> (the section endpoint), else as section objects in an array; <paramref name="states"/>
    /// is rented from the shared pool, indexed from the first section's first seat of <paramref name="layout"/>, and
    /// returned once written.
    /// </summary>
    internal SeatMapJson(SeatMapLayout layout, SeatState[] states, int firstSection, int sectionCount, bool seatsOnly)
    {
        _layout = layout;
        _states = states;
        _firstSeat = sectionCount == 0 ? 0 : layout.Sections[firstSection].Start;
        _firstSection = firstSection;
        _sectionCount = sectionCount;
        _seatsOnly = seatsOnly;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        var body = httpContext.Response.BodyWriter;
        try
        {
            using var writer = new Utf8JsonWriter(body, _layout.WriterOptions);
            if (!_seatsOnly)
            {
                writer.WriteStartArray();
            }
            for (var section = _firstSection; section < _firstSection + _sectionCount; section++)
            {
                if (!_seatsOnly)
                {
                    WriteSectionHead(writer, section);
                }
                var (start, count) = (_layout.Sections[section].Start, _layout.Sections[section].Count);
                writer.WriteStartArray();
                for (var seat = start; seat < start + count; seat++)
                {
                    writer.WriteRawValue(_layout.Fragments[seat][(int)StateOf(seat)], skipInputValidation: true);
                    if (writer.BytesPending > FlushAt)
                    {
                        writer.Flush();
                        await body.FlushAsync(httpContext.RequestAborted);
                    }
                }
                writer.WriteEndArray();
                if (!_seatsOnly)
                {
                    writer.WriteEndObject();
                }
            }
            if (!_seatsOnly)
            {
                writer.WriteEndArray();
            }
            writer.Flush();
        }
        finally
        {
            ArrayPool<SeatState>.Shared.Return(_states);
        }
    }

    private void WriteSectionHead(Utf8JsonWriter writer, int section)
    {
        var layout = _layout.Sections[section];
        var names = _layout.Names;
        var available = 0;
        for (var seat = layout.Start; seat < layout.Start + layout.Count; seat++)
        {
            available += StateOf(seat) == SeatState.Available ? 1 : 0;
        }
        writer.WriteStartObject();
        writer.WriteString(names.Section, layout.Name);
        writer.WriteNumber(names.Available, available);
        writer.WriteNumber(names.Total, layout.Count);
        writer.WriteNumber(names.MinPrice, layout.MinPrice);
        writer.WriteNumber(names.MaxPrice, layout.MaxPrice);
        writer.WritePropertyName(names.Seats);
    }

    private SeatState StateOf(int seat) => _states[seat - _firstSeat];
}
