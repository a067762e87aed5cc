using Microsoft.EntityFrameworkCore;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Payments;
using Ticketing.Orders.Purchases;
using Ticketing.ServiceDefaults.Outbox;

namespace Ticketing.Orders.Data;

/// <summary>The orders database: orders and tickets, the purchase saga's instances, cancelled events being refunded, the outbox and the payment simulator's ledger.</summary>
public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options), IOutboxContext
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderItem> OrderItems => Set<OrderItem>();

    public DbSet<Ticket> Tickets => Set<Ticket>();

    public DbSet<PurchaseState> Purchases => Set<PurchaseState>();

    public DbSet<EventCancellation> EventCancellations => Set<EventCancellation>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<SimulatedPayment> SimulatedPayments => Set<SimulatedPayment>();

    public DbSet<SimulatedRefund> SimulatedRefunds => Set<SimulatedRefund>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Order>(order =>
        {
            order.Property(o => o.Status).HasConversion(s => s.ToWire(), s => OrderStatusNames.FromWire(s)).HasMaxLength(20);
            order.Property(o => o.FailureCode).HasConversion(f => f!.Value.ToWire(), f => OrderFailureNames.FromWire(f)).HasMaxLength(32);
            order.Property(o => o.TotalAmount).HasPrecision(12, 2);
            order.Property(o => o.RefundedAmount).HasPrecision(12, 2);
            order.Property(o => o.PaymentMethod).HasMaxLength(64);
            order.Property(o => o.PaymentId).HasMaxLength(64);
            order.Property(o => o.IdempotencyKey).HasMaxLength(255);
            order.HasIndex(o => new { o.UserId, o.CreatedAt });
            // The same Idempotency-Key always finds the same order (per user: keys are the client's).
            order.HasIndex(o => new { o.UserId, o.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
            // At most one order per hold that is under way or went through: two submits charge once.
            order.HasIndex(o => o.HoldId).IsUnique().HasFilter("status IN ('pending', 'completed', 'cancelling', 'cancelled')")
                .HasDatabaseName("ix_orders_one_live_order_per_hold");
            order.HasIndex(o => new { o.EventId, o.Status });
            order.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
            order.HasMany(o => o.Tickets).WithOne().HasForeignKey(t => t.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<OrderItem>(item =>
        {
            item.Property(i => i.Price).HasPrecision(10, 2);
            item.HasIndex(i => new { i.OrderId, i.SeatId }).IsUnique();
        });
        modelBuilder.Entity<Ticket>(ticket =>
        {
            ticket.Property(t => t.Code).HasMaxLength(128);
            ticket.HasIndex(t => new { t.OrderId, t.SeatId }).IsUnique();
        });
        modelBuilder.Entity<PurchaseState>(purchase =>
        {
            purchase.ToTable("purchase_states");
            purchase.HasKey(p => p.CorrelationId);
            purchase.Property(p => p.CorrelationId).ValueGeneratedNever();
            purchase.Property(p => p.CurrentState).HasMaxLength(32);
            purchase.Property(p => p.Version).IsConcurrencyToken();
            purchase.Property(p => p.TotalPrice).HasPrecision(12, 2);
            purchase.Property(p => p.RefundAmount).HasPrecision(12, 2);
            purchase.Property(p => p.PaymentId).HasMaxLength(64);
            // What the purchase scheduler looks for: holds waiting past expiry, checkouts and refunds to chase. Only
            // purchases under way are in it, so completing one (most of them) writes no index entry.
            purchase.HasIndex(p => new { p.CurrentState, p.ExpiresAt })
                .HasFilter($"current_state IN ('{PurchaseStates.Held}', '{PurchaseStates.Paying}', '{PurchaseStates.Refunding}', '{PurchaseStates.Cancelling}')");
        });
        modelBuilder.Entity<EventCancellation>(cancellation =>
        {
            cancellation.HasKey(c => c.EventId);
            cancellation.Property(c => c.EventId).ValueGeneratedNever();
        });
        modelBuilder.HasOutbox();
        modelBuilder.Entity<SimulatedPayment>(payment =>
        {
            payment.HasKey(p => p.IdempotencyKey);
            payment.Property(p => p.IdempotencyKey).HasMaxLength(100);
            payment.Property(p => p.PaymentId).HasMaxLength(64);
            payment.Property(p => p.Amount).HasPrecision(12, 2);
            payment.Property(p => p.RefundedAmount).HasPrecision(12, 2);
            payment.HasIndex(p => p.PaymentId);
        });
        modelBuilder.Entity<SimulatedRefund>(refund =>
        {
            refund.HasKey(r => r.IdempotencyKey);
            refund.Property(r => r.IdempotencyKey).HasMaxLength(150);
            refund.Property(r => r.PaymentId).HasMaxLength(64);
            refund.Property(r => r.Amount).HasPrecision(12, 2);
        });
    }
}
