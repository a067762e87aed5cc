using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ticketing.ServiceDefaults.Resilience;

namespace Ticketing.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ with the house conventions: endpoint names in kebab-case prefixed
    /// with the service name (two services never share a queue), redelivery with back-off for
    /// transient faults, and a host that starts even while RabbitMQ is still down.
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configure = null,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureBus = null)
    {
        var connectionString = builder.Configuration.GetConnectionString("rabbitmq")
            ?? throw new InvalidOperationException("Connection string 'rabbitmq' is missing.");

        var hop = ResilienceSettings.From(builder.Configuration).RabbitMq;
        BoundedPublish.Timeout = hop.PublishTimeout;
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // MassTransit reports usage to its vendor over the internet by default: nothing leaves this system.
            bus.DisableUsageTelemetry();
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString), host => host.RequestedConnectionTimeout(hop.ConnectTimeout));
                rabbit.UseMessageRetry(retry => retry.Exponential(hop.ConsumeRetries, hop.ConsumeRetryMinDelay, hop.ConsumeRetryMaxDelay, hop.ConsumeRetryDelta));
                configureBus?.Invoke(context, rabbit);
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = false;
            options.StopTimeout = hop.StopTimeout;
        });
        return builder;
    }
}
