using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ticketing.ServiceDefaults.Data;

namespace Ticketing.ServiceDefaults.Outbox;

public static class OutboxExtensions
{
    /// <summary>
    /// The service's own database (<see cref="DatabaseExtensions.AddServiceDatabase{TContext}"/>) with a transactional
    /// outbox: <see cref="OutboxPublisher"/> writes messages into the request's DbContext, and every commit that wrote
    /// some wakes the <see cref="OutboxRelay{TContext}"/>, which publishes them.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabaseWithOutbox<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext, IOutboxContext
    {
        builder.Services.AddSingleton<OutboxRelay<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxRelay<TContext>>());
        builder.Services.AddSingleton<OutboxCommitInterceptor<TContext>>();
        builder.AddServiceDatabase<TContext>(connectionName,
            (services, options) => options.AddInterceptors(services.GetRequiredService<OutboxCommitInterceptor<TContext>>()));
        builder.Services.AddScoped<IOutboxContext>(services => services.GetRequiredService<TContext>());
        builder.Services.AddScoped<OutboxPublisher>();
        return builder;
    }
}
