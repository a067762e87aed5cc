using Microsoft.EntityFrameworkCore;
using Ticketing.Inventory.Domain;
using Ticketing.ServiceDefaults.Outbox;

namespace Ticketing.Inventory.Data;

/// <summary>The inventory database: events' seats, the sales (the record of what is sold) and the outbox.</summary>
public sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options), IOutboxContext
{
    public DbSet<SaleEvent> Events => Set<SaleEvent>();

    public DbSet<Seat> Seats => Set<Seat>();

    public DbSet<Sale> Sales => Set<Sale>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SaleEvent>(e =>
        {
            e.ToTable("events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Status).HasMaxLength(16);
        });
        modelBuilder.Entity<Seat>(seat =>
        {
            seat.HasKey(s => s.Id);
            seat.Property(s => s.Section).HasMaxLength(50);
            seat.Property(s => s.Row).HasMaxLength(10);
            seat.Property(s => s.SeatNumber).HasMaxLength(10);
            seat.Property(s => s.PriceTier).HasMaxLength(16);
            seat.Property(s => s.Price).HasPrecision(10, 2);
            seat.HasIndex(s => new { s.EventId, s.Section, s.Row, s.SeatNumber }).IsUnique();
        });
        modelBuilder.Entity<Sale>(sale =>
        {
            sale.HasKey(s => new { s.EventId, s.SeatId });
            sale.Property(s => s.Price).HasPrecision(10, 2);
            sale.HasIndex(s => s.HoldId);
            sale.HasIndex(s => new { s.EventId, s.UserId });
        });
        modelBuilder.HasOutbox();
    }
}
