using MassTransit;

namespace Ticketing.ServiceDefaults.Messaging;

/// <summary>A publish that RabbitMQ did not confirm in time (<see cref="BoundedPublish.Timeout"/>): worth a retry, like a store that is down.</summary>
public sealed class MessagePublishTimeoutException(TimeSpan timeout, Exception inner)
    : TimeoutException($"RabbitMQ did not confirm a publish within {timeout}", inner);

/// <summary>
/// Every publish of this system waits at most <see cref="Timeout"/> for RabbitMQ's confirm. A publish under way while
/// RabbitMQ restarts would otherwise wait for a confirm that never comes (RabbitMQ.Client leaves it pending on the dead
/// channel) and hold MassTransit's shared channel, so the endpoints never reconnect and the outbox relay never
/// publishes again. Bounded, the publish fails (the relay and the schedulers try again, a request answers 503) and the
/// channel is recycled.
/// </summary>
public static class BoundedPublish
{
    /// <summary>Set from <c>Resilience:RabbitMq:PublishTimeout</c> when messaging is added.</summary>
    public static TimeSpan Timeout { get; internal set; } = TimeSpan.FromSeconds(10);

    public static Task PublishBounded<T>(this IPublishEndpoint publisher, T message, CancellationToken cancellationToken = default)
        where T : class =>
        WithinTimeoutAsync(token => publisher.Publish(message, token), cancellationToken);

    public static Task PublishBounded(
        this IPublishEndpoint publisher, object message, Type messageType, Action<PublishContext> configure, CancellationToken cancellationToken = default) =>
        WithinTimeoutAsync(token => publisher.Publish(message, messageType, configure, token), cancellationToken);

    private static async Task WithinTimeoutAsync(Func<CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await publish(deadline.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MessagePublishTimeoutException(Timeout, ex);
        }
    }
}
