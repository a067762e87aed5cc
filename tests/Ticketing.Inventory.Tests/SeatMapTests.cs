using System.Text.Json;
using Ticketing.Inventory.Availability;
using Ticketing.Inventory.Domain;
using Ticketing.Inventory.Holds;
using Ticketing.Inventory.Seats;

namespace Ticketing.Inventory.Tests;

/// <summary>
/// An instance's seat map against Redis's: a change this instance made after a read began is kept over that read, and
/// one it made before is not, when Redis no longer has it (a master failed over before its replica had the change,
/// and the event's change numbers went back with it).
/// </summary>
public sealed class SeatMapTests
{
    private static readonly Dictionary<int, SeatState> AllAvailable = [];
    private readonly Seat _seat = Seat.Create(Guid.NewGuid(), "Floor", 0, 0, "vip", 100m);
    private readonly SeatMap _map;

    public SeatMapTests()
    {
        _map = new SeatMap(new SeatMapLayout(new EventSeats([_seat]), new JsonSerializerOptions(JsonSerializerDefaults.Web)), DateTimeOffset.MinValue);
        _map.Replace(AllAvailable, 10, DateTimeOffset.UtcNow, _map.ChangesApplied);
    }

    [Fact]
    public void Replace_ReadBeganBeforeThisInstancesNewerChange_KeepsTheChange()
    {
        var readBegan = _map.ChangesApplied;
        _map.Apply([_seat.Id], SeatState.Held, 11);

        _map.Replace(AllAvailable, 10, DateTimeOffset.UtcNow, readBegan);

        Assert.Equal(1, _map.Counts().Held);
    }

    [Fact]
    public void Replace_RedisLostAChangeMadeBeforeTheRead_ShowsWhatRedisHas()
    {
        _map.Apply([_seat.Id], SeatState.Held, 11);
        var readBegan = _map.ChangesApplied;

        _map.Replace(AllAvailable, 10, DateTimeOffset.UtcNow, readBegan);

        Assert.Equal(0, _map.Counts().Held);
    }
}
