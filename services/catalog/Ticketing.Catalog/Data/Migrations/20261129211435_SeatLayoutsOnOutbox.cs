using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Catalog.Data.Migrations
{
    /// <inheritdoc />
    public partial class SeatLayoutsOnOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Announcements still waiting become outbox messages first, so none is lost on the way: EventCreated as
            // CatalogMessages.Created builds it (System.Text.Json's names, the sections in map order).
            migrationBuilder.Sql("""
                INSERT INTO outbox_messages (message_id, message_type, body, created_at)
                SELECT gen_random_uuid(),
                       'Ticketing.Catalog.Contracts.Messages.EventCreated, Ticketing.Catalog.Contracts',
                       jsonb_build_object(
                           'EventId', e.id, 'VenueId', e.venue_id, 'EventDate', e.event_date, 'OnSaleDate', e.on_sale_date,
                           'Status', e.status, 'MaxTicketsPerUser', e.max_tickets_per_user,
                           'WaitingRoomEnabled', e.waiting_room_enabled, 'MaxConcurrentShoppers', e.max_concurrent_shoppers,
                           'Sections', COALESCE((
                               SELECT jsonb_agg(jsonb_build_object(
                                          'Name', s.name, 'PriceTier', s.price_tier, 'RowCount', s.row_count,
                                          'SeatsPerRow', s.seats_per_row, 'Price', s.base_price)
                                      ORDER BY s.position_y, s.position_x, s.name COLLATE "C")
                               FROM venue_sections s
                               WHERE s.venue_id = e.venue_id), '[]'::jsonb)),
                       a.requested_at
                FROM seat_layout_announcements a
                JOIN events e ON e.id = a.event_id
                ORDER BY a.requested_at
                """);
            migrationBuilder.DropTable(
                name: "seat_layout_announcements");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "seat_layout_announcements",
                columns: table => new
                {
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seat_layout_announcements", x => x.event_id);
                    table.ForeignKey(
                        name: "fk_seat_layout_announcements_events_event_id",
                        column: x => x.event_id,
                        principalTable: "events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }
    }
}
