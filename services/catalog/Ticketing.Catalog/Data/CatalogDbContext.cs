using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Ticketing.Catalog.Domain;
using Ticketing.ServiceDefaults.Outbox;

namespace Ticketing.Catalog.Data;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options), IOutboxContext
{
    public DbSet<Venue> Venues => Set<Venue>();

    public DbSet<VenueSection> VenueSections => Set<VenueSection>();

    public DbSet<Event> Events => Set<Event>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Venue>(venue =>
        {
            venue.HasKey(v => v.Id);
            venue.Property(v => v.Name).HasMaxLength(Text.NameLength);
            venue.Property(v => v.Address).HasMaxLength(Text.AddressLength);
            venue.Property(v => v.City).HasMaxLength(Text.PlaceLength);
            venue.Property(v => v.State).HasMaxLength(Text.PlaceLength);
            venue.Property(v => v.Country).HasMaxLength(Text.PlaceLength);
            venue.Property(v => v.ImageUrl).HasMaxLength(Text.UrlLength);
            venue.HasMany(v => v.Sections).WithOne().HasForeignKey(s => s.VenueId).OnDelete(DeleteBehavior.Cascade);
            venue.Navigation(v => v.Sections).HasField("_sections").UsePropertyAccessMode(PropertyAccessMode.Field);
            venue.Ignore(v => v.SeatCount);
            venue.HasIndex(v => v.Name);
        });
        modelBuilder.Entity<VenueSection>(section =>
        {
            section.ToTable("venue_sections");
            section.HasKey(s => s.Id);
            section.Property(s => s.Name).HasMaxLength(Text.SectionNameLength);
            section.Property(s => s.BasePrice).HasPrecision(10, 2);
            section.Property(s => s.PriceTier).HasConversion(WireConverter<PriceTier>()).HasMaxLength(20);
            section.Ignore(s => s.SeatCount);
            section.HasIndex(s => new { s.VenueId, s.Name }).IsUnique();
        });
        modelBuilder.Entity<Event>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(Text.NameLength);
            e.Property(x => x.Artist).HasMaxLength(Text.NameLength);
            e.Property(x => x.ImageUrl).HasMaxLength(Text.UrlLength);
            e.Property(x => x.Category).HasConversion(WireConverter<EventCategory>()).HasMaxLength(20);
            e.Property(x => x.Status).HasConversion(WireConverter<EventStatus>()).HasMaxLength(20);
            e.Property(x => x.MaxConcurrentShoppers).HasDefaultValue(EventDetails.DefaultMaxConcurrentShoppers);
            e.Property(x => x.MaxTicketsPerUser).HasDefaultValue(EventDetails.DefaultMaxTicketsPerUser);
            // PostgreSQL's xmin as the row version: an organiser's change and a scheduled one can
            // not overwrite each other unnoticed.
            e.Property<uint>("Version").IsRowVersion().HasColumnName("xmin");
            e.HasOne(x => x.Venue).WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.EventDate);
            e.HasIndex(x => new { x.Status, x.OnSaleDate });
        });
        modelBuilder.HasOutbox();
    }

    private static ValueConverter<T, string> WireConverter<T>() where T : struct, Enum =>
        new(value => value.ToWire(), text => WireNames.ParseWire<T>(text));
}
