using Grpc.Core;
using MassTransit;
using MassTransit.Mediator;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Orders.Purchases;
using Ticketing.Orders.Tickets;

namespace Ticketing.Orders.Tests;

/// <summary>
/// The purchase saga on MassTransit's in-memory test harness: the service's state machine, endpoint definition and
/// steps, with MassTransit's in-memory saga repository instead of PostgreSQL, inventory as a test double and a clock
/// that stands still. No database, broker or service is started; the real-store suites run those.
/// </summary>
public sealed class PurchaseSagaHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2030, 5, 1, 18, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    private PurchaseSagaHarness(ServiceProvider provider)
    {
        _provider = provider;
        TestHarness = provider.GetRequiredService<ITestHarness>();
        Saga = TestHarness.GetSagaStateMachineHarness<PurchaseStateMachine, PurchaseState>();
    }

    public ITestHarness TestHarness { get; }

    public ISagaStateMachineTestHarness<PurchaseStateMachine, PurchaseState> Saga { get; }

    /// <summary>The in-process way in, as the checkout request sends its checkout and its payment's answer.</summary>
    public IMediator Mediator => _provider.GetRequiredService<IMediator>();

    public StepWrites Writes => _provider.GetRequiredService<StepWrites>();

    public InventoryDouble Inventory => _provider.GetRequiredService<InventoryDouble>();

    public static async Task<PurchaseSagaHarness> StartAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new StillClock(Now));
        services.AddSingleton<InventoryDouble>();
        services.AddSingleton(provider => provider.GetRequiredService<InventoryDouble>().NewClient());
        services.AddSingleton(new TicketCodes(new TicketSettings { SigningKey = TicketSettings.DevelopmentSigningKey }));
        services.AddSingleton<StepWrites>();
        services.AddScoped(provider => provider.GetRequiredService<StepWrites>().ForMessage(provider));
        services.AddScoped<TicketIssuer>();
        services.AddScoped<PurchaseSteps>();
        // Waits end on a match or the test timeout, never on a lull: a slow machine may pause longer than the default 1.2 s.
        services.Configure<TestHarnessOptions>(options => options.TestTimeout = options.TestInactivityTimeout = TimeSpan.FromSeconds(10));
        // The checkout request's in-process way in; its instances are the bus's, as in the service (one store for both).
        services.AddMediator(mediator => mediator.AddSagaStateMachine<PurchaseStateMachine, PurchaseState>().InMemoryRepository());
        services.AddMassTransitTestHarness(TextWriter.Null, bus =>
            bus.AddSagaStateMachine<PurchaseStateMachine, PurchaseState>(typeof(PurchaseStateDefinition)).InMemoryRepository());
        var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = new PurchaseSagaHarness(provider);
        await harness.TestHarness.Start();
        return harness;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    /// <summary>Publishes a message and waits until the saga's endpoint consumed it; returns what its step wrote.</summary>
    public async Task<StepWritten> DeliverAsync(object message)
    {
        var consumed = await ConsumeAsync(message);
        Assert.Null(consumed.Exception);
        return Writes.Of(consumed.Context.MessageId!.Value);
    }

    /// <summary>Publishes a message and waits until the saga's endpoint consumed it, or failed to.</summary>
    public async Task<IReceivedMessage> ConsumeAsync(object message)
    {
        var messageId = NewId.NextGuid();
        await TestHarness.Bus.Publish(message, message.GetType(), context => context.MessageId = messageId);
        Assert.True(await TestHarness.Consumed.Any(m => m.Context.MessageId == messageId), $"{message.GetType().Name} was not consumed");
        return TestHarness.Consumed.Select(m => m.Context.MessageId == messageId).First();
    }

    /// <summary>The saga's instance for the hold as the repository has it now, or null when there is none.</summary>
    public async Task<PurchaseState?> InstanceAsync(Guid holdId) =>
        await _provider.GetRequiredService<ILoadSagaRepository<PurchaseState>>().Load(holdId);

    /// <summary>Drives a new purchase to <paramref name="state"/> by the messages that lead there; returns its order.</summary>
    public async Task<Guid> ReachAsync(HarnessPurchase purchase, string state)
    {
        var orderId = Guid.NewGuid();
        if (state is PurchaseStates.Refunding or PurchaseStates.Failed)
        {
            Inventory.FailConfirm(purchase.HoldId, StatusCode.FailedPrecondition);
        }
        foreach (var message in PathTo(purchase, orderId, state))
        {
            await DeliverAsync(message);
        }
        Assert.NotNull(await Saga.Exists(purchase.HoldId, machine => machine.GetState(state)));
        return orderId;
    }

    private static IEnumerable<object> PathTo(HarnessPurchase purchase, Guid orderId, string state) => state switch
    {
        PurchaseStates.Paying => [purchase.Checkout(orderId)],
        PurchaseStates.Held => [.. PathTo(purchase, orderId, PurchaseStates.Paying), purchase.Declined(orderId)],
        PurchaseStates.Expired => [.. PathTo(purchase, orderId, PurchaseStates.Held), purchase.ExpiryDue()],
        PurchaseStates.Completed or PurchaseStates.Refunding => [.. PathTo(purchase, orderId, PurchaseStates.Paying), purchase.Authorized(orderId)],
        PurchaseStates.Failed => [.. PathTo(purchase, orderId, PurchaseStates.Refunding), purchase.Refunded(orderId, "seats-lost")],
        PurchaseStates.Cancelling => [.. PathTo(purchase, orderId, PurchaseStates.Completed), purchase.Cancel(orderId)],
        PurchaseStates.Cancelled => [.. PathTo(purchase, orderId, PurchaseStates.Cancelling), purchase.Refunded(orderId, "cancellation")],
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a state of the purchase saga"),
    };

    /// <summary>A clock that stands still, so a test can tell which times a step stamped.</summary>
    private sealed class StillClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
