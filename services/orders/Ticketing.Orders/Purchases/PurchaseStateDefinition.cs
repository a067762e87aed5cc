using MassTransit;

namespace Ticketing.Orders.Purchases;

/// <summary>The saga's endpoint: many holds at once (each step is short: payment runs in its own consumer).</summary>
public sealed class PurchaseStateDefinition : SagaDefinition<PurchaseState>
{
    public PurchaseStateDefinition() => ConcurrentMessageLimit = 64;

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<PurchaseState> sagaConfigurator, IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = 64;
        }
    }
}
