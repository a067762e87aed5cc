using System.Net.Sockets;
using MassTransit;
using Npgsql;
using StackExchange.Redis;

namespace Ticketing.ServiceDefaults;

/// <summary>Tells a store that is down or restarting (PostgreSQL, Redis, RabbitMQ) from a bug: the first is worth a retry.</summary>
public static class StoreFailures
{
    public static bool IsStoreUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or RedisConnectionException or RedisTimeoutException or SocketException
                or Messaging.MessagePublishTimeoutException or RabbitMqConnectionException)
            {
                return true;
            }
        }
        return false;
    }
}
