using MassTransit;
using MassTransit.Configuration;
using MassTransit.Context;
using MassTransit.Saga;
using Ticketing.Orders.Purchases;

namespace Ticketing.Orders.Persistence;

/// <summary>
/// The purchase saga's repository on MassTransit's repository extension points (<see cref="ISagaRepositoryContextFactory{TSaga}"/>
/// and <see cref="SagaRepositoryContext{TSaga,TMessage}"/>), MassTransit's Entity Framework package not being
/// available here. Instances are kept by <see cref="PurchaseStateStore"/>; a step's writes (<see cref="PurchaseWrites"/>,
/// scoped like it) are saved with the instance. A message that loses a race (two saves of one instance, two messages
/// that both create it) fails and is retried against the fresh instance (<see cref="PurchaseStateDefinition"/>).
/// </summary>
public sealed class PurchaseSagaRepositoryContextFactory(
    PurchaseStateStore store, PurchaseWrites writes, ISagaConsumeContextFactory<PurchaseWrites, PurchaseState> factory)
    : ISagaRepositoryContextFactory<PurchaseState>
{
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<PurchaseState, T>> next) where T : class
    {
        // A retried delivery may reuse the scope: never let it save what the failed attempt wrote.
        writes.Clear();
        return next.Send(new PurchaseSagaRepositoryContext<T>(store, writes, context, factory));
    }

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<PurchaseState> query, IPipe<SagaRepositoryQueryContext<PurchaseState, T>> next)
        where T : class =>
        throw new NotSupportedException("Purchase sagas correlate by id only.");

    public void Probe(ProbeContext context) => context.Add("persistence", "postgresql");
}

public sealed class PurchaseSagaRepositoryContext<TMessage>(
    PurchaseStateStore store, PurchaseWrites writes, ConsumeContext<TMessage> consumeContext, ISagaConsumeContextFactory<PurchaseWrites, PurchaseState> factory)
    : ConsumeContextScope<TMessage>(consumeContext, writes), SagaRepositoryContext<PurchaseState, TMessage>
    where TMessage : class
{
    private PurchaseStateValues? _loaded;

    public Task<SagaConsumeContext<PurchaseState, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, PurchaseState instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(writes, consumeContext, instance, mode);

    /// <summary>A new instance, saved by <see cref="Save"/> once the state machine ran.</summary>
    public Task<SagaConsumeContext<PurchaseState, TMessage>> Add(PurchaseState instance) =>
        factory.CreateSagaConsumeContext(writes, this, instance, SagaConsumeContextMode.Add);

    /// <summary>Inserts before the state machine runs (MassTransit's insert-on-initial); null when another message created it first.</summary>
    public async Task<SagaConsumeContext<PurchaseState, TMessage>> Insert(PurchaseState instance)
    {
        try
        {
            await store.SaveNewAsync(instance, writes, CancellationToken);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            return null!;
        }
        return await factory.CreateSagaConsumeContext(writes, this, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<PurchaseState, TMessage>> Load(Guid correlationId)
    {
        if ((TakeContinued(correlationId) ?? await store.LoadAsync(correlationId, CancellationToken)) is not { } instance)
        {
            return null!;
        }
        _loaded = instance.Values();
        return await factory.CreateSagaConsumeContext(writes, this, instance, SagaConsumeContextMode.Load);
    }

    public async Task Save(SagaConsumeContext<PurchaseState> context)
    {
        await store.SaveNewAsync(context.Saga, writes, CancellationToken);
        Report(context.Saga);
    }

    /// <summary>
    /// Saves the instance and what its step wrote; fails if another save came first. A message that changed nothing
    /// (a double submit turned away, a late answer ignored) saves nothing: bumping the version would make twenty
    /// simultaneous submits race each other, and the purchase's own step, for it.
    /// </summary>
    public async Task Update(SagaConsumeContext<PurchaseState> context)
    {
        if (!writes.IsEmpty || _loaded != context.Saga.Values())
        {
            await store.SaveAsync(context.Saga, writes, CancellationToken);
        }
        Report(context.Saga);
    }

    /// <summary>The instance the request's previous step saved, once (a retry of this step reads it from PostgreSQL).</summary>
    private PurchaseState? TakeContinued(Guid correlationId)
    {
        if (!TryGetPayload(out PurchaseOutcome outcome) || outcome.Continues is not { } known || known.CorrelationId != correlationId)
        {
            return null;
        }
        outcome.Continues = null;
        return known.Copy();
    }

    /// <summary>For an in-process sender: the instance as saved, so its next step need not read it back.</summary>
    private void Report(PurchaseState saved)
    {
        if (TryGetPayload(out PurchaseOutcome outcome))
        {
            // Not copied: this step is done with it, and the next one takes a copy (TakeContinued).
            outcome.Saved = saved;
        }
    }

    public Task Delete(SagaConsumeContext<PurchaseState> context) => store.DeleteAsync(context.Saga, CancellationToken);

    public Task Discard(SagaConsumeContext<PurchaseState> context)
    {
        writes.Clear();
        return Task.CompletedTask;
    }

    public Task Undo(SagaConsumeContext<PurchaseState> context)
    {
        writes.Clear();
        return Task.CompletedTask;
    }
}

public static class PurchaseSagaRepositoryRegistration
{
    /// <summary>Keeps the purchase saga's instances in PostgreSQL (<see cref="PurchaseStateStore"/>).</summary>
    public static ISagaRegistrationConfigurator<PurchaseState> PurchaseRepository(this ISagaRegistrationConfigurator<PurchaseState> saga)
    {
        saga.Repository(repository => repository.RegisterSagaRepository<PurchaseState, PurchaseWrites,
            SagaConsumeContextFactory<PurchaseWrites, PurchaseState>, PurchaseSagaRepositoryContextFactory>());
        return saga;
    }
}
