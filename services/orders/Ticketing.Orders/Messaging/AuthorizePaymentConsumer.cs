using MassTransit;
using Ticketing.Orders.Payments;
using Ticketing.Orders.Purchases;
using Ticketing.ServiceDefaults.Messaging;

namespace Ticketing.Orders.Messaging;

/// <summary>
/// Charges the fan for a checkout and tells the saga how it went. A redelivery asks the provider
/// with the same key and gets the same answer, so nobody is charged twice. The question reaches the bus
/// when an earlier attempt got no answer (a timeout, a process that stopped mid-call), which may have
/// charged the card: so a provider that is down, or no answer in time, is never read as "nothing was
/// charged" here. The consumer throws, MassTransit retries, and the purchase scheduler asks again after
/// that, until the provider answers.
/// </summary>
public sealed class AuthorizePaymentConsumer(PaymentGateway payments) : IConsumer<AuthorizePayment>
{
    public async Task Consume(ConsumeContext<AuthorizePayment> context)
    {
        var (holdId, orderId) = (context.Message.HoldId, context.Message.OrderId);
        var result = await payments.AuthorizeAsync(orderId, context.Message.Amount, context.Message.PaymentMethod, context.CancellationToken);
        await (result switch
        {
            PaymentResult.Approved approved => context.PublishBounded(new PaymentAuthorized(holdId, orderId, approved.PaymentId)),
            PaymentResult.Declined declined => context.PublishBounded(new PaymentDeclined(holdId, orderId, declined.Reason)),
            _ => throw new InvalidOperationException($"Unknown payment result {result}"),
        });
    }
}

/// <summary>Many checkouts wait on the provider at once; each waits 100-300 ms doing nothing.</summary>
public sealed class AuthorizePaymentConsumerDefinition : ConsumerDefinition<AuthorizePaymentConsumer>
{
    public AuthorizePaymentConsumerDefinition() => ConcurrentMessageLimit = 256;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<AuthorizePaymentConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = 256;
        }
    }
}
