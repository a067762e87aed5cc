using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Inventory.Data;
using Ticketing.Inventory.Domain;
using Ticketing.Inventory.Seats;

namespace Ticketing.Inventory.Messaging;

/// <summary>
/// Materialises an event's seats from its venue layout. Idempotent: seat ids derive from the layout
/// and the insert skips seats that exist, so a redelivery or a generate-seats repeat changes nothing.
/// </summary>
public sealed class EventCreatedConsumer(InventoryDbContext db, SaleEventChanges changes, TimeProvider clock) : IConsumer<EventCreated>
{
    public async Task Consume(ConsumeContext<EventCreated> context)
    {
        var message = context.Message;
        await UpsertSaleEventAsync(message, context.CancellationToken);

        var layout = message.Sections
            .SelectMany(section => Enumerable.Range(0, section.RowCount).SelectMany(row => Enumerable.Range(0, section.SeatsPerRow)
                .Select(seat => Seat.Create(message.EventId, section.Name, row, seat, section.PriceTier, section.Price))))
            .ToList();
        await InsertMissingAsync(layout, context.CancellationToken);
        await changes.AnnounceAsync(message.EventId);
    }

    private async Task UpsertSaleEventAsync(EventCreated message, CancellationToken cancellationToken)
    {
        var sale = await db.Events.SingleOrDefaultAsync(e => e.Id == message.EventId, cancellationToken);
        if (sale is null)
        {
            sale = new SaleEvent { Id = message.EventId };
            db.Events.Add(sale);
        }
        sale.Status = message.Status;
        sale.MaxTicketsPerUser = message.MaxTicketsPerUser;
        sale.WaitingRoomEnabled = message.WaitingRoomEnabled;
        sale.OnSaleDate = message.OnSaleDate;
        sale.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One statement for the whole layout (tens of thousands of seats for a stadium).</summary>
    private async Task InsertMissingAsync(IReadOnlyList<Seat> layout, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into seats (id, event_id, section, row, seat_number, row_index, seat_index, price_tier, price)
            select * from unnest(@ids, @events, @sections, @rows, @numbers, @row_indexes, @seat_indexes, @tiers, @prices)
            on conflict do nothing
            """;
        await db.Database.ExecuteSqlRawAsync(sql,
            [
                new NpgsqlParameter("ids", layout.Select(s => s.Id).ToArray()),
                new NpgsqlParameter("events", layout.Select(s => s.EventId).ToArray()),
                new NpgsqlParameter("sections", layout.Select(s => s.Section).ToArray()),
                new NpgsqlParameter("rows", layout.Select(s => s.Row).ToArray()),
                new NpgsqlParameter("numbers", layout.Select(s => s.SeatNumber).ToArray()),
                new NpgsqlParameter("row_indexes", layout.Select(s => s.RowIndex).ToArray()),
                new NpgsqlParameter("seat_indexes", layout.Select(s => s.SeatIndex).ToArray()),
                new NpgsqlParameter("tiers", layout.Select(s => s.PriceTier).ToArray()),
                new NpgsqlParameter("prices", layout.Select(s => s.Price).ToArray()),
            ],
            cancellationToken);
    }
}
