using MassTransit;
using Ticketing.Catalog.Contracts.Grpc;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.Orders.Cancellations;
using Ticketing.Orders.Checkout;
using Ticketing.Orders.Data;
using Ticketing.Orders.Messaging;
using Ticketing.Orders.Payments;
using Ticketing.Orders.Persistence;
using Ticketing.Orders.Purchases;
using Ticketing.Orders.Tickets;
using Ticketing.ServiceDefaults.Settings;
using Ticketing.ServiceDefaults;
using Ticketing.ServiceDefaults.Grpc;
using Ticketing.ServiceDefaults.Messaging;
using Ticketing.ServiceDefaults.Outbox;
using Ticketing.ServiceDefaults.Resilience;

namespace Ticketing.Orders.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // HTTP API conventions and the internal gRPC endpoint
        builder.AddApiDefaults();
        builder.AddServiceGrpc();
        builder.Services.AddMemoryCache();

        // Stores this service owns, the database with its outbox
        builder.AddServiceDatabaseWithOutbox<OrdersDbContext>("ordersdb");

        // Other services, over internal gRPC
        builder.AddInternalGrpcClient<InventoryInternal.InventoryInternalClient>("inventory");
        builder.AddInternalGrpcClient<CatalogInternal.CatalogInternalClient>("catalog");
        builder.Services.AddSingleton<EventSnapshots>();

        // Payments: the simulated provider behind a timeout and a circuit breaker
        builder.AddSettings<PaymentSimulatorSettings>("PaymentSimulator")
            .Validate(s => s.MinLatency <= s.MaxLatency, "PaymentSimulator:MinLatency must not be above PaymentSimulator:MaxLatency");
        builder.Services.AddSingleton<IPaymentProvider, SimulatedPaymentProvider>();
        builder.Services.AddPaymentResilience(ResilienceSettings.From(builder.Configuration).Payments);
        builder.Services.AddSingleton<PaymentGateway>();

        // The purchase saga's steps, its durable timer, tickets, and checkouts run by their request
        builder.Services.AddScoped<PurchaseSteps>();
        builder.Services.AddScoped<PurchaseWrites>();
        builder.Services.AddScoped<PurchaseStateStore>();
        builder.AddSettings<PurchaseSchedulerSettings>("Purchases");
        builder.Services.AddHostedService<PurchaseScheduler>();
        builder.Services.AddSingleton(TicketSettings.From(builder.Configuration, builder.Environment));
        builder.Services.AddSingleton<TicketCodes>();
        builder.Services.AddScoped<TicketIssuer>();
        builder.AddSettings<CheckoutSettings>("Checkout");
        builder.Services.AddSingleton<PurchaseCheckout>();
        builder.Services.AddScoped<CheckoutWorkflow>();
        builder.Services.AddSingleton<SettlingOrders>();

        // Cancelled events: every order refunded
        builder.Services.AddHostedService<CancelledEventRefunds>();

        builder.AddOrdersMessaging();
        return builder;
    }

    private static IHostApplicationBuilder AddOrdersMessaging(this IHostApplicationBuilder builder)
    {
        // The purchase saga in-process, for the checkout request that runs its purchase (PurchaseCheckout): the same
        // state machine and repository as on the bus. A step that lost an optimistic-concurrency race to the bus's
        // copy of the same purchase is tried again at once against the fresh instance.
        builder.Services.AddMediator(mediator =>
        {
            mediator.AddSagaStateMachine<PurchaseStateMachine, PurchaseState>()
                .PurchaseRepository();
            mediator.ConfigureMediator((_, configurator) => configurator.UseMessageRetry(retry =>
            {
                retry.Handle<SagaConcurrencyException>();
                retry.Immediate(3);
            }));
        });
        return builder.AddServiceMessaging("orders", bus =>
        {
            bus.AddSagaStateMachine<PurchaseStateMachine, PurchaseState>(typeof(PurchaseStateDefinition))
                .PurchaseRepository();
            bus.AddConsumer<AuthorizePaymentConsumer, AuthorizePaymentConsumerDefinition>();
            bus.AddConsumer<RefundPaymentConsumer>();
            bus.AddConsumer<EventCancelledConsumer>();
        });
    }
}
