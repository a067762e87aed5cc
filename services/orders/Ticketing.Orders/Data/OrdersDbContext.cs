using Microsoft.EntityFrameworkCore;

namespace Ticketing.Orders.Data;

public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
}
