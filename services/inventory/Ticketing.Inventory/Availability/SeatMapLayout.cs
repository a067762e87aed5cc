using System.Text.Json;
using Ticketing.Inventory.Holds;
using Ticketing.Inventory.Seats;

namespace Ticketing.Inventory.Availability;

/// <summary>
/// What never changes about an event's seat map, prepared once per layout: every seat's place (an index into
/// the map's statuses), its JSON already written in each status, and the sections in display order. Serving a
/// section is then copying bytes, and reading Redis's seat states needs no parsing of ids.
/// </summary>
public sealed class SeatMapLayout
{
    public SeatMapLayout(EventSeats seats, JsonSerializerOptions json)
    {
        Seats = seats;
        var all = seats.BySection.SelectMany(section => section.Value).ToArray();
        IndexById = all.Select((seat, i) => (seat.Id, i)).ToDictionary(x => x.Id, x => x.i);
        IndexByKey = all.Select((seat, i) => (Key: seat.Id.ToString(), i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        Fragments = all.Select(seat => Enum.GetValues<SeatState>()
            .Select(state => JsonSerializer.SerializeToUtf8Bytes(
                new SeatAvailability(seat.Id, seat.Row, seat.SeatNumber, seat.Price, seat.PriceTier, StatusName(state)), json))
            .ToArray()).ToArray();
        var start = 0;
        Sections = seats.BySection.Select(section =>
        {
            var layout = new SectionLayout(section.Key, start, section.Value.Length,
                section.Value.Min(s => s.Price), section.Value.Max(s => s.Price));
            start += section.Value.Length;
            return layout;
        }).ToArray();
        Names = new SectionNames(json.PropertyNamingPolicy);
        WriterOptions = new JsonWriterOptions { Encoder = json.Encoder };
    }

    /// <summary>Writes what the serializer around it would (the same escaping).</summary>
    public JsonWriterOptions WriterOptions { get; }

    public EventSeats Seats { get; }

    public IReadOnlyDictionary<Guid, int> IndexById { get; }

    /// <summary>Seat ids as Redis keeps them (hash fields of the event's state), to their index.</summary>
    public IReadOnlyDictionary<string, int> IndexByKey { get; }

    /// <summary>Per seat, per <see cref="SeatState"/>: the seat's JSON as the API answers it.</summary>
    public byte[][][] Fragments { get; }

    public IReadOnlyList<SectionLayout> Sections { get; }

    public SectionNames Names { get; }

    public int Count => IndexById.Count;

    public static string StatusName(SeatState state) => state switch
    {
        SeatState.Sold => "sold",
        SeatState.Held => "held",
        _ => "available",
    };

    public static SeatState StateOf(string status) => status switch
    {
        "sold" => SeatState.Sold,
        "held" => SeatState.Held,
        _ => SeatState.Available,
    };
}

/// <summary>One section: its seats are <see cref="Count"/> consecutive indexes from <see cref="Start"/>.</summary>
public sealed record SectionLayout(string Name, int Start, int Count, decimal MinPrice, decimal MaxPrice);

/// <summary>The JSON property names of a section, as the API's naming policy writes them.</summary>
public sealed class SectionNames(JsonNamingPolicy? policy)
{
    public string Section { get; } = Name(nameof(SectionAvailability.Section), policy);
    public string Available { get; } = Name(nameof(SectionAvailability.Available), policy);
    public string Total { get; } = Name(nameof(SectionAvailability.Total), policy);
    public string MinPrice { get; } = Name(nameof(SectionAvailability.MinPrice), policy);
    public string MaxPrice { get; } = Name(nameof(SectionAvailability.MaxPrice), policy);
    public string Seats { get; } = Name(nameof(SectionAvailability.Seats), policy);

    private static string Name(string property, JsonNamingPolicy? policy) => policy?.ConvertName(property) ?? property;
}
