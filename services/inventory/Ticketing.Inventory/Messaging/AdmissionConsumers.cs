using MassTransit;
using StackExchange.Redis;
using Ticketing.Inventory.Holds;
using Ticketing.Queue.Contracts.Messages;

namespace Ticketing.Inventory.Messaging;

/// <summary>
/// The waiting room's word, kept in inventory's own Redis key so <c>reserve.lua</c> checks it in the
/// same atomic step as the hold: on a waiting-room event only admitted shoppers get seats.
/// Idempotent: a redelivery sets the same score or removes an absent member.
/// </summary>
public sealed class ShopperAdmittedConsumer(IConnectionMultiplexer redis) : IConsumer<ShopperAdmitted>
{
    public Task Consume(ConsumeContext<ShopperAdmitted> context) =>
        redis.GetDatabase().SortedSetAddAsync(
            HoldKeys.Admitted(context.Message.EventId), context.Message.UserId.ToString(), context.Message.AdmittedUntil.ToUnixTimeMilliseconds());
}

public sealed class ShopperReleasedConsumer(IConnectionMultiplexer redis) : IConsumer<ShopperReleased>
{
    public Task Consume(ConsumeContext<ShopperReleased> context) =>
        redis.GetDatabase().SortedSetRemoveAsync(HoldKeys.Admitted(context.Message.EventId), context.Message.UserId.ToString());
}
