using Microsoft.EntityFrameworkCore;

namespace Ticketing.Identity.Data;

public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
}
