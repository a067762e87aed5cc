using Microsoft.EntityFrameworkCore;

namespace Ticketing.Queue.Data;

public sealed class QueueDbContext(DbContextOptions<QueueDbContext> options) : DbContext(options)
{
}
