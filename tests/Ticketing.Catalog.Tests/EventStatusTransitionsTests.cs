using Ticketing.Catalog.Domain;

namespace Ticketing.Catalog.Tests;

/// <summary>The transition table of the Event aggregate, without a host.</summary>
public sealed class EventStatusTransitionsTests
{
    [Theory]
    [InlineData(EventStatus.Upcoming, EventStatus.OnSale)]
    [InlineData(EventStatus.Upcoming, EventStatus.Cancelled)]
    [InlineData(EventStatus.OnSale, EventStatus.SoldOut)]
    [InlineData(EventStatus.OnSale, EventStatus.Completed)]
    [InlineData(EventStatus.SoldOut, EventStatus.OnSale)]
    [InlineData(EventStatus.SoldOut, EventStatus.Cancelled)]
    public void ChangeStatus_AllowedTransition_Moves(EventStatus from, EventStatus to)
    {
        var subject = EventIn(from);

        Assert.True(subject.ChangeStatus(to, DateTimeOffset.UtcNow));
        Assert.Equal(to, subject.Status);
    }

    [Theory]
    [InlineData(EventStatus.Cancelled, EventStatus.OnSale)]
    [InlineData(EventStatus.Cancelled, EventStatus.Upcoming)]
    [InlineData(EventStatus.Completed, EventStatus.OnSale)]
    [InlineData(EventStatus.Upcoming, EventStatus.SoldOut)]
    [InlineData(EventStatus.Upcoming, EventStatus.Completed)]
    [InlineData(EventStatus.OnSale, EventStatus.Upcoming)]
    public void ChangeStatus_ForbiddenTransition_ThrowsConflictAndKeepsStatus(EventStatus from, EventStatus to)
    {
        var subject = EventIn(from);

        Assert.Throws<DomainConflictException>(() => subject.ChangeStatus(to, DateTimeOffset.UtcNow));
        Assert.Equal(from, subject.Status);
    }

    [Fact]
    public void ChangeStatus_SameStatus_IsNoOp()
    {
        var subject = EventIn(EventStatus.OnSale);

        Assert.False(subject.ChangeStatus(EventStatus.OnSale, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Create_OnSaleTimePassed_StartsOnSale_ElseUpcoming()
    {
        Assert.Equal(EventStatus.OnSale, NewEvent(onSaleIn: TimeSpan.FromMinutes(-1)).Status);
        Assert.Equal(EventStatus.Upcoming, NewEvent(onSaleIn: TimeSpan.FromMinutes(1)).Status);
    }

    [Fact]
    public void Create_CapacityIsTheSeatsOfTheSections()
    {
        var created = NewEvent(onSaleIn: TimeSpan.FromDays(1));

        Assert.Equal(2 * 5 + 3 * 4, created.TotalCapacity);
        Assert.Equal(created.TotalCapacity, created.AvailableSeats);
    }

    [Fact]
    public void Create_OnSaleAfterEvent_Throws()
    {
        Assert.Throws<DomainException>(() => NewEvent(onSaleIn: TimeSpan.FromDays(40)));
    }

    [Fact]
    public void Edit_CancelledEvent_ThrowsConflict()
    {
        var subject = EventIn(EventStatus.Cancelled);
        var details = new EventDetails("New name", null, "A", EventCategory.Other, DateTimeOffset.UtcNow.AddDays(5),
            DateTimeOffset.UtcNow.AddDays(1), null, false, 10, 2);

        Assert.Throws<DomainConflictException>(() => subject.Edit(details, DateTimeOffset.UtcNow));
    }

    private static Event EventIn(EventStatus status)
    {
        var subject = NewEvent(onSaleIn: TimeSpan.FromMinutes(-1));
        // Walk the table from on_sale to reach the wanted status.
        switch (status)
        {
            case EventStatus.Upcoming:
                return NewEvent(onSaleIn: TimeSpan.FromDays(1));
            case EventStatus.OnSale:
                return subject;
            case EventStatus.SoldOut or EventStatus.Cancelled or EventStatus.Completed:
                subject.ChangeStatus(status, DateTimeOffset.UtcNow);
                return subject;
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }
    }

    private static Event NewEvent(TimeSpan onSaleIn)
    {
        var now = DateTimeOffset.UtcNow;
        var venue = Venue.Create(Guid.NewGuid(), "Hall", "1 Road", "Town", null, "UK", null, null,
            [
                VenueSection.Create(Guid.NewGuid(), "A", 2, 5, 10m, PriceTier.Vip, 0, 0),
                VenueSection.Create(Guid.NewGuid(), "B", 3, 4, 5m, PriceTier.Economy, 0, 1),
            ], now);
        return Event.Create(Guid.NewGuid(), venue, new EventDetails(
            "Show", null, "Artist", EventCategory.Concert, now.AddDays(30), now + onSaleIn, null, false,
            EventDetails.DefaultMaxConcurrentShoppers, EventDetails.DefaultMaxTicketsPerUser), now);
    }
}
