using Ticketing.Catalog.Domain;

namespace Ticketing.Catalog.Data.Seed;

/// <summary>The four demo venues every new database starts with, with their sections (5150, 3750, 2985 and 4250 seats).</summary>
public static class SeedVenues
{
    public static readonly Guid MadisonSquareGarden = SeedIds.Of(0x0001);
    public static readonly Guid O2Arena = SeedIds.Of(0x0002);
    public static readonly Guid StaplesCenter = SeedIds.Of(0x0003);
    public static readonly Guid RedRocks = SeedIds.Of(0x0004);

    public static IEnumerable<Venue> Create(DateTimeOffset now)
    {
        yield return Venue.Create(MadisonSquareGarden, "Madison Square Garden", "4 Pennsylvania Plaza", "New York", "NY", "USA", 20789,
            "https://images.unsplash.com/photo-1504450758481-7338eba7524a?w=1200",
            [
                Section("Floor A", 10, 20, 350, PriceTier.Vip, 0, 0),
                Section("Floor B", 10, 20, 300, PriceTier.Premium, 0, 1),
                .. Row("Section", [101, 102, 103, 104, 105], 20, 25, 200, PriceTier.Standard, -2, 2),
                .. Row("Upper", [201, 202, 203, 204, 205], 15, 30, 100, PriceTier.Economy, -2, 3),
            ],
            now);
        yield return Venue.Create(O2Arena, "The O2 Arena", "Peninsula Square", "London", null, "UK", 20000,
            "https://images.unsplash.com/photo-1540039155733-5bb30b53aa14?w=1200",
            [
                Section("Floor", 15, 30, 400, PriceTier.Vip, 0, 0),
                .. Row("Block", ["A1", "A2", "A3"], 20, 25, 250, PriceTier.Premium, -1, 1),
                .. Row("Block", ["B1", "B2", "B3"], 20, 30, 150, PriceTier.Standard, -1, 2),
            ],
            now);
        yield return Venue.Create(StaplesCenter, "Staples Center", "1111 S Figueroa St", "Los Angeles", "CA", "USA", 18997,
            "https://images.unsplash.com/photo-1546519638-68e109498ffc?w=1200",
            [
                Section("Courtside", 3, 20, 500, PriceTier.Vip, 0, 0),
                .. Row("Lower", [101, 102, 103], 15, 25, 200, PriceTier.Premium, -1, 1),
                .. Row("Upper", [301, 302, 303], 20, 30, 80, PriceTier.Economy, -1, 2),
            ],
            now);
        yield return Venue.Create(RedRocks, "Red Rocks Amphitheatre", "18300 W Alameda Pkwy", "Morrison", "CO", "USA", 9525,
            "https://images.unsplash.com/photo-1470229722913-7c0e2dbbafd3?w=1200",
            [
                Section("GA Pit", 5, 50, 200, PriceTier.Vip, 0, 0),
                Section("Reserved 1-10", 10, 60, 150, PriceTier.Premium, 0, 1),
                Section("Reserved 11-30", 20, 80, 100, PriceTier.Standard, 0, 2),
                Section("Reserved 31-50", 20, 90, 75, PriceTier.Economy, 0, 3),
            ],
            now);
    }

    private static VenueSection Section(string name, int rows, int seatsPerRow, decimal price, PriceTier tier, int x, int y) =>
        VenueSection.Create(Guid.NewGuid(), name, rows, seatsPerRow, price, tier, x, y);

    /// <summary>A row of like sections on the map, left to right from <paramref name="firstX"/>.</summary>
    private static IEnumerable<VenueSection> Row<T>(string prefix, T[] numbers, int rows, int seatsPerRow, decimal price, PriceTier tier, int firstX, int y) =>
        numbers.Select((number, i) => Section($"{prefix} {number}", rows, seatsPerRow, price, tier, firstX + i, y));
}

/// <summary>The reference seed's ids: 550e8400-e29b-41d4-a716-4466554400XX.</summary>
public static class SeedIds
{
    public static Guid Of(int suffix) => Guid.Parse($"550e8400-e29b-41d4-a716-44665544{suffix:x4}");
}
