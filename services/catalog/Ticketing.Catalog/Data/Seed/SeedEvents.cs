using Ticketing.Catalog.Domain;

namespace Ticketing.Catalog.Data.Seed;

/// <summary>
/// The six demo events every new database starts with, dated relative to the moment it is seeded.
/// One change: The Eras Tour (waiting room on) opens 5 minutes after seeding instead of a day,
/// so a newcomer can watch its pre-queue and opening straight away.
/// </summary>
public static class SeedEvents
{
    public static readonly Guid ErasTour = SeedIds.Of(0x0201);
    public static readonly Guid Coldplay = SeedIds.Of(0x0202);
    public static readonly Guid NbaFinals = SeedIds.Of(0x0203);
    public static readonly Guid DaveChappelle = SeedIds.Of(0x0204);
    public static readonly Guid TheWeeknd = SeedIds.Of(0x0205);
    public static readonly Guid Hamilton = SeedIds.Of(0x0206);

    public static readonly TimeSpan ErasTourOnSaleDelay = TimeSpan.FromMinutes(5);

    public static IEnumerable<Event> Create(IReadOnlyDictionary<Guid, Venue> venues, DateTimeOffset now)
    {
        Event Make(Guid id, Guid venue, string name, string artist, EventCategory category, string description, string image,
            TimeSpan eventIn, TimeSpan onSaleIn, bool waitingRoom, int maxPerUser = EventDetails.DefaultMaxTicketsPerUser) =>
            Event.Create(id, venues[venue], new EventDetails(
                name, description, artist, category, now + eventIn, now + onSaleIn, image, waitingRoom,
                EventDetails.DefaultMaxConcurrentShoppers, maxPerUser), now);

        yield return Make(ErasTour, SeedVenues.MadisonSquareGarden, "Taylor Swift | The Eras Tour", "Taylor Swift", EventCategory.Concert,
            "Taylor Swift brings The Eras Tour, a journey through all of her musical eras, to Madison Square Garden.",
            "https://images.unsplash.com/photo-1501386761578-eac5c94b800a?w=1200",
            TimeSpan.FromDays(45), ErasTourOnSaleDelay, waitingRoom: true);
        yield return Make(Coldplay, SeedVenues.O2Arena, "Coldplay | Music of the Spheres World Tour", "Coldplay", EventCategory.Concert,
            "Coldplay's Music of the Spheres World Tour: a night of light, colour and sing-along anthems.",
            "https://images.unsplash.com/photo-1470225620780-dba8ba36b745?w=1200",
            TimeSpan.FromDays(30), TimeSpan.FromDays(-5), waitingRoom: false, maxPerUser: 6);
        yield return Make(NbaFinals, SeedVenues.StaplesCenter, "Lakers vs Celtics - NBA Finals", "NBA", EventCategory.Sports,
            "The greatest rivalry in basketball, with the championship on the line.",
            "https://images.unsplash.com/photo-1504450758481-7338eba7524a?w=1200",
            TimeSpan.FromDays(60), TimeSpan.FromDays(10), waitingRoom: true);
        yield return Make(DaveChappelle, SeedVenues.RedRocks, "Dave Chappelle - Live Comedy", "Dave Chappelle", EventCategory.Comedy,
            "An evening of stand-up comedy under the stars at Red Rocks.",
            "https://images.unsplash.com/photo-1527224857830-43a7acc85260?w=1200",
            TimeSpan.FromDays(20), TimeSpan.FromDays(-10), waitingRoom: false);
        yield return Make(TheWeeknd, SeedVenues.MadisonSquareGarden, "The Weeknd | After Hours Tour", "The Weeknd", EventCategory.Concert,
            "The Weeknd performs the After Hours album live, with the hits from across his career.",
            "https://images.unsplash.com/photo-1493225457124-a3eb161ffa5f?w=1200",
            TimeSpan.FromDays(75), TimeSpan.FromDays(20), waitingRoom: true);
        yield return Make(Hamilton, SeedVenues.O2Arena, "Hamilton - The Musical", "Lin-Manuel Miranda", EventCategory.Theater,
            "The story of America then, told by America now: the award-winning musical.",
            "https://images.unsplash.com/photo-1503095396549-807759245b35?w=1200",
            TimeSpan.FromDays(90), TimeSpan.FromDays(30), waitingRoom: true);
    }
}
