using MassTransit;
using Ticketing.Orders.Payments;
using Ticketing.Orders.Purchases;
using Ticketing.ServiceDefaults.Messaging;

namespace Ticketing.Orders.Messaging;

/// <summary>
/// Gives money back. If the provider is down this throws: MassTransit retries, and after that the
/// purchase scheduler asks again while the saga still waits for the refund, so it happens eventually.
/// </summary>
public sealed class RefundPaymentConsumer(PaymentGateway payments) : IConsumer<RefundPayment>
{
    public async Task Consume(ConsumeContext<RefundPayment> context)
    {
        var refund = context.Message;
        await payments.RefundAsync(refund.OrderId, refund.Purpose, refund.PaymentId, refund.Amount, context.CancellationToken);
        await context.PublishBounded(new PaymentRefunded(refund.HoldId, refund.OrderId, refund.Amount, refund.Purpose));
    }
}
