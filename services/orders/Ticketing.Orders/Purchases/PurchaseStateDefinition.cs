using MassTransit;
using Ticketing.Orders.Persistence;

namespace Ticketing.Orders.Purchases;

/// <summary>
/// The saga's endpoint: many holds at once (each step is short: payment runs in its own consumer).
/// Two messages for one hold can arrive together (two checkouts of one hold, a payment answer and its
/// repeat); the loser of that optimistic-concurrency race is retried within milliseconds here, instead
/// of waiting out the bus-wide back-off meant for outages.
/// </summary>
public sealed class PurchaseStateDefinition : SagaDefinition<PurchaseState>
{
    public PurchaseStateDefinition() => ConcurrentMessageLimit = 64;

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<PurchaseState> sagaConfigurator, IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = 64;
        }
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Handle<SagaConcurrencyException>();
            retry.Intervals(5, 10, 20, 50, 100, 200);
        });
    }
}
