using MassTransit;
using MassTransit.Configuration;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ticketing.Orders.Persistence;

/// <summary>A saga instance that carries its own optimistic-concurrency version.</summary>
public interface IVersionedSaga : ISaga
{
    int Version { get; set; }
}

/// <summary>
/// A small PostgreSQL saga repository on MassTransit's repository extension points
/// (<see cref="ISagaRepositoryContextFactory{TSaga}"/> and <see cref="SagaRepositoryContext{TSaga,TMessage}"/>),
/// because MassTransit's Entity Framework package is not available here.
///
/// Instances live in the service's own DbContext, the one the saga's steps also write orders and
/// outbox messages to; saving the instance saves all of it in one transaction. Concurrency is
/// optimistic: an instance is read without locks, and its save only succeeds when
/// <see cref="IVersionedSaga.Version"/> is still the one read. A message that loses that race
/// fails and MassTransit's retry delivers it again to the fresh instance. Two messages that both
/// try to create an instance collide on the primary key the same way.
/// </summary>
public sealed class PostgresSagaRepositoryContextFactory<TContext, TSaga>(
    TContext db, ISagaConsumeContextFactory<TContext, TSaga> factory) : ISagaRepositoryContextFactory<TSaga>
    where TContext : DbContext
    where TSaga : class, IVersionedSaga
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next) where T : class
    {
        // A retried delivery may reuse the scope: never let it see what the failed attempt tracked.
        db.ChangeTracker.Clear();
        await next.Send(new PostgresSagaRepositoryContext<TContext, TSaga, T>(db, context, factory));
    }

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class =>
        throw new NotSupportedException("Purchase sagas correlate by id only.");

    public void Probe(ProbeContext context) => context.Add("persistence", "postgresql");
}

public sealed class PostgresSagaRepositoryContext<TContext, TSaga, TMessage>(
    TContext db, ConsumeContext<TMessage> consumeContext, ISagaConsumeContextFactory<TContext, TSaga> factory)
    : ConsumeContextScope<TMessage>(consumeContext, db), SagaRepositoryContext<TSaga, TMessage>
    where TContext : DbContext
    where TSaga : class, IVersionedSaga
    where TMessage : class
{
    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(db, consumeContext, instance, mode);

    /// <summary>A new instance, saved by <see cref="Save"/> once the state machine ran.</summary>
    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        factory.CreateSagaConsumeContext(db, this, instance, SagaConsumeContextMode.Add);

    /// <summary>Inserts before the state machine runs; null when another message created it first.</summary>
    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        db.Add(instance);
        try
        {
            await db.SaveChangesAsync(CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return null!;
        }
        return await factory.CreateSagaConsumeContext(db, this, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await db.Set<TSaga>().FirstOrDefaultAsync(s => s.CorrelationId == correlationId, CancellationToken);
        return instance is null ? null! : await factory.CreateSagaConsumeContext(db, this, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context)
    {
        context.Saga.Version = 1;
        db.Add(context.Saga);
        return db.SaveChangesAsync(CancellationToken);
    }

    /// <summary>Saves the instance and whatever its steps changed; fails if another save came first.</summary>
    public Task Update(SagaConsumeContext<TSaga> context)
    {
        context.Saga.Version++;
        return db.SaveChangesAsync(CancellationToken);
    }

    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        db.Remove(context.Saga);
        return db.SaveChangesAsync(CancellationToken);
    }

    public Task Discard(SagaConsumeContext<TSaga> context)
    {
        db.ChangeTracker.Clear();
        return Task.CompletedTask;
    }

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        db.ChangeTracker.Clear();
        return Task.CompletedTask;
    }
}

public static class PostgresSagaRepositoryRegistration
{
    /// <summary>Stores the saga's instances in <typeparamref name="TContext"/> (it must map <typeparamref name="TSaga"/>).</summary>
    public static ISagaRegistrationConfigurator<TSaga> PostgresRepository<TContext, TSaga>(this ISagaRegistrationConfigurator<TSaga> saga)
        where TContext : DbContext
        where TSaga : class, IVersionedSaga
    {
        saga.Repository(repository => repository.RegisterSagaRepository<TSaga, TContext,
            SagaConsumeContextFactory<TContext, TSaga>, PostgresSagaRepositoryContextFactory<TContext, TSaga>>());
        return saga;
    }
}
