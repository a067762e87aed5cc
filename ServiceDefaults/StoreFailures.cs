using System.Net.Sockets;
using Grpc.Core;
using MassTransit;
using Npgsql;
using Polly;
using StackExchange.Redis;

namespace Ticketing.ServiceDefaults;

/// <summary>
/// Tells a dependency that is down or restarting (PostgreSQL, Redis, RabbitMQ, another service behind an open
/// circuit breaker) from a bug: the first is worth a retry.
/// </summary>
public static class StoreFailures
{
    public static bool IsStoreUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e is RpcException { Status.DebugException: { } debug } ? debug : e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or RedisConnectionException or RedisTimeoutException or SocketException
                or Messaging.MessagePublishTimeoutException or RabbitMqConnectionException
                // The resilience handler refused the call: its breaker is open (a service failing or restarting), or its
                // limits are full (a service restarting under a rush). gRPC reports that as INTERNAL, which would
                // otherwise answer 500.
                or ExecutionRejectedException
                || IsRedisWriteOnDroppedConnection(e))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// StackExchange.Redis reports a command written to a connection that dropped during the write (a Redis Cluster
    /// master killed mid-rush) as its pipe's InvalidOperationException, not as a RedisConnectionException.
    /// </summary>
    private static bool IsRedisWriteOnDroppedConnection(Exception e) =>
        e is InvalidOperationException && e.StackTrace?.Contains("StackExchange.Redis.PhysicalBridge", StringComparison.Ordinal) == true;
}
