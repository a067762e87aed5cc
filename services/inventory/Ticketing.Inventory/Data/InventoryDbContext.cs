using Microsoft.EntityFrameworkCore;

namespace Ticketing.Inventory.Data;

public sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options)
{
}
