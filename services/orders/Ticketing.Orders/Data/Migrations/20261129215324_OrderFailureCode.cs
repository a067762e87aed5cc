using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Orders.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrderFailureCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "failure_code",
                table: "orders",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            // Orders that failed before the code existed get it from the words they were failed with.
            migrationBuilder.Sql("""
                UPDATE orders SET failure_code = CASE
                    WHEN status = 'payment_failed' THEN 'payment_declined'
                    WHEN failure_reason = 'Payment provider unavailable, please retry shortly' THEN 'provider_unavailable'
                    WHEN failure_reason = 'Some seats are no longer available. Please select different seats.' THEN 'seats_lost'
                    WHEN failure_reason LIKE 'The event was cancelled by its organiser%' THEN 'event_cancelled'
                END
                WHERE failure_reason IS NOT NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "failure_code",
                table: "orders");
        }
    }
}
