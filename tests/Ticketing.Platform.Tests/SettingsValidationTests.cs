using Ticketing.Catalog.Data;
using Ticketing.Gateway.Envelope;
using Ticketing.Identity.Data;
using Ticketing.Inventory.Data;
using Ticketing.Orders.Data;
using Ticketing.Queue.Admission;
using Ticketing.Testing;

namespace Ticketing.Platform.Tests;

/// <summary>
/// A setting out of its range stops the process as it starts, with a message that names the setting, instead of a
/// service that runs and misbehaves (a zero sweep interval, a decline rate of 150%). Settings classes are bound with the
/// options pattern and validated on start; those read while the host is built are validated there.
/// </summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("identity", "LoginThrottling:MaxFailuresPerEmail", "0", "MaxFailuresPerEmail")]
    [InlineData("identity", "LoginThrottling:FirstDelay", "00:10:00", "LoginThrottling:FirstDelay must not be above LoginThrottling:MaxDelay")]
    [InlineData("inventory", "Holds:SweepInterval", "00:00:00", "SweepInterval")]
    [InlineData("inventory", "Streams:PerAddress", "0", "PerAddress")]
    [InlineData("queue", "Queue:AdmissionInterval", "-00:00:01", "AdmissionInterval")]
    [InlineData("orders", "PaymentSimulator:DeclineRate", "1.5", "DeclineRate")]
    [InlineData("orders", "PaymentSimulator:MinLatency", "00:00:02", "PaymentSimulator:MinLatency must not be above PaymentSimulator:MaxLatency")]
    [InlineData("orders", "Purchases:Interval", "00:00:00", "Interval")]
    [InlineData("catalog", "Resilience:Redis:OperationTimeout", "00:00:00", "Resilience:Redis:OperationTimeout")]
    [InlineData("gateway", "Sessions:RecheckAfter", "00:00:00", "RecheckAfter")]
    [InlineData("gateway", "RateLimits:Reserve", "0", "RateLimits:Reserve")]
    public async Task Start_SettingOutOfRange_StopsNamingTheSetting(string service, string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = value };

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(service, settings));

        var messages = Messages(failure).ToList();
        Assert.True(messages.Any(m => m.Contains(named, StringComparison.Ordinal)), $"no message names {named}: {string.Join(" | ", messages)}");
    }

    private static async Task StartAsync(string service, Dictionary<string, string?> settings)
    {
        IDisposable host = service switch
        {
            "identity" => await ServiceHost<IdentityDbContext>.StartServiceAsync(service, settings),
            "catalog" => await ServiceHost<CatalogDbContext>.StartServiceAsync(service, settings),
            "inventory" => await ServiceHost<InventoryDbContext>.StartServiceAsync(service, settings),
            "queue" => await ServiceHost<WaitingRoom>.StartServiceAsync(service, settings),
            "orders" => await ServiceHost<OrdersDbContext>.StartServiceAsync(service, settings),
            _ => await ServiceHost<PublicEnvelope.ErrorBody>.StartAsync(await GatewaySettingsAsync(settings)),
        };
        host.Dispose();
    }

    private static async Task<Dictionary<string, string?>> GatewaySettingsAsync(Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:rabbitmq"] = await (await TestInfrastructure.GetAsync()).NewRabbitMqConnectionStringAsync("gateway");
        return settings;
    }

    private static IEnumerable<string> Messages(Exception exception)
    {
        yield return exception.Message;
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var message in inner.SelectMany(Messages))
        {
            yield return message;
        }
    }
}
