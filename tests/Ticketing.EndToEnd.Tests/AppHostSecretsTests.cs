using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Ticketing.EndToEnd.Tests;

/// <summary>The AppHost hands out its well-known development secrets in Development only.</summary>
public sealed class AppHostSecretsTests
{
    private static readonly string[] Secrets = ["internal-identity-key", "ticket-signing-key", "admin-password", "postgres-password"];

    [Fact]
    public async Task Secrets_OutsideDevelopment_HaveNoDefault()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Ticketing_AppHost>(["--environment=Production"]);

        foreach (var name in Secrets)
        {
            var parameter = builder.Resources.OfType<ParameterResource>().Single(p => p.Name == name);
            Assert.True(parameter.Secret, name);
            await Assert.ThrowsAsync<MissingParameterValueException>(async () => await parameter.GetValueAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task Secrets_InDevelopment_RunOutOfTheBox()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Ticketing_AppHost>(["--environment=Development"]);

        foreach (var name in Secrets)
        {
            var parameter = builder.Resources.OfType<ParameterResource>().Single(p => p.Name == name);
            Assert.False(string.IsNullOrEmpty(await parameter.GetValueAsync(CancellationToken.None)), name);
        }
    }
}
