using MassTransit;
using Ticketing.Identity.Contracts;

namespace Ticketing.Gateway.Authentication;

/// <summary>A logout handled by another gateway instance: forget the session here too.</summary>
public sealed class SessionRevokedConsumer(SessionCache sessions) : IConsumer<SessionRevoked>
{
    public Task Consume(ConsumeContext<SessionRevoked> context)
    {
        sessions.Evict(context.Message.SessionId);
        return Task.CompletedTask;
    }
}
