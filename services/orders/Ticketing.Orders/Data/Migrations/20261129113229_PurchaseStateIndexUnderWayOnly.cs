using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Orders.Data.Migrations
{
    /// <inheritdoc />
    public partial class PurchaseStateIndexUnderWayOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_purchase_states_current_state_expires_at",
                table: "purchase_states");

            migrationBuilder.DropIndex(
                name: "ix_purchase_states_user_id",
                table: "purchase_states");

            migrationBuilder.CreateIndex(
                name: "ix_purchase_states_current_state_expires_at",
                table: "purchase_states",
                columns: new[] { "current_state", "expires_at" },
                filter: "current_state IN ('Held', 'Paying', 'Refunding', 'Cancelling')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_purchase_states_current_state_expires_at",
                table: "purchase_states");

            migrationBuilder.CreateIndex(
                name: "ix_purchase_states_current_state_expires_at",
                table: "purchase_states",
                columns: new[] { "current_state", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_purchase_states_user_id",
                table: "purchase_states",
                column: "user_id");
        }
    }
}
