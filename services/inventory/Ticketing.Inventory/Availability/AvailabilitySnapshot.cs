using System.Collections.Concurrent;
using System.Text.Json;

namespace Ticketing.Inventory.Availability;

/// <summary>
/// One event's seat map as built at one moment, and its JSON, serialized once per snapshot and shape instead of once
/// per reader: a section of a few hundred seats is tens of kilobytes, and the browse benchmark's readers asked for the
/// same few sections thousands of times a second while the map changed twice a second at most.
/// </summary>
public sealed class AvailabilitySnapshot(IReadOnlyList<SectionAvailability> map, JsonSerializerOptions json)
{
    private static readonly byte[] NoSections = "[]"u8.ToArray();
    private readonly ConcurrentDictionary<(string? Section, bool SeatsOnly), byte[]> _json = new();

    public IReadOnlyList<SectionAvailability> Map { get; } = map;

    /// <summary>The map as the availability endpoint answers it: every section, or only <paramref name="section"/> (then maybe empty).</summary>
    public byte[] MapJson(string? section) =>
        section is not null && !Has(section)
            ? NoSections
            : _json.GetOrAdd((section, false), key => JsonSerializer.SerializeToUtf8Bytes<IReadOnlyList<SectionAvailability>>(
                key.Section is null ? Map : Map.Where(s => s.Section == key.Section).ToArray(), json));

    /// <summary>One section's seats as the section endpoint answers them; null when the event has no such section.</summary>
    public byte[]? SeatsJson(string section) =>
        Has(section)
            ? _json.GetOrAdd((section, true), key => JsonSerializer.SerializeToUtf8Bytes(Map.First(s => s.Section == key.Section).Seats, json))
            : null;

    // Only real sections are cached: a name the event does not have (a client's typo, or a flood of made-up names)
    // costs nothing to keep.
    private bool Has(string section) => Map.Any(s => s.Section == section);
}
