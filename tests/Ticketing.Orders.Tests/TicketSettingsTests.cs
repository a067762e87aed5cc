using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Ticketing.Orders.Tickets;

namespace Ticketing.Orders.Tests;

/// <summary>The ticket signing key: anyone who knows it prints valid tickets, so only Development has a default.</summary>
public sealed class TicketSettingsTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void From_NoKeyOutsideDevelopment_RefusesToStart(string environment)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => TicketSettings.From(Configuration(), Environment(environment)));

        Assert.Contains("Tickets:SigningKey is not configured", refused.Message);
    }

    [Fact]
    public void From_ShortKey_RefusesToStart() =>
        Assert.Throws<InvalidOperationException>(() => TicketSettings.From(Configuration(("Tickets:SigningKey", "short")), Environment("Production")));

    [Fact]
    public void From_ConfiguredKey_IsUsed_AndDevelopmentHasItsDefault()
    {
        var key = new string('k', 40);

        Assert.Equal(key, TicketSettings.From(Configuration(("Tickets:SigningKey", key)), Environment("Production")).SigningKey);
        Assert.Equal(TicketSettings.DevelopmentSigningKey, TicketSettings.From(Configuration(), Environment(Environments.Development)).SigningKey);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };
}
