using Microsoft.EntityFrameworkCore;

namespace Ticketing.Catalog.Data;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
}
