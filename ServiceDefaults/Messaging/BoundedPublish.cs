using MassTransit;

namespace Ticketing.ServiceDefaults.Messaging;

/// <summary>A publish that RabbitMQ did not confirm in time (<see cref="BoundedPublish.Timeout"/>): worth a retry, like a store that is down.</summary>
public sealed class MessagePublishTimeoutException(TimeSpan timeout, Exception inner)
    : TimeoutException($"RabbitMQ did not confirm a publish within {timeout}", inner);

/// <summary>
/// Every publish of this system waits at most <see cref="Timeout"/> for RabbitMQ's confirm. Found by the fault suite:
/// a publish under way while RabbitMQ restarted waited for a confirm that never came (RabbitMQ.Client leaves it
/// pending on the dead channel); it held MassTransit's shared channel, so orders' saga endpoint never reconnected and
/// its outbox relay never published again: every purchase after the restart stayed pending. Now the publish fails
/// (the relay and the schedulers try again, a request answers 503) and the channel is recycled.
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
