using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Testing;

namespace Ticketing.EndToEnd.Tests;

/// <summary>
/// The AppHost in containers mode (<c>./test.sh --containers</c> boots it so, and runs the purchase journey on it):
/// its PostgreSQL, Redis and RabbitMQ are Aspire's container resources on the store images, and the engine runs them.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ContainersModeTests(SystemFixture system)
{
    [ContainersModeFact]
    public async Task Stores_AreContainersOfTheStoreImages_RunByTheEngine()
    {
        var model = system.App.Services.GetRequiredService<DistributedApplicationModel>();
        var running = ContainerEngine.RunningImages();
        foreach (var (name, image) in new[] { ("postgres", "ticketing/postgres"), ("redis", "ticketing/redis"), ("rabbitmq", "ticketing/rabbitmq") })
        {
            var store = Assert.IsAssignableFrom<ContainerResource>(model.Resources.Single(resource => resource.Name == name));
            var annotation = store.Annotations.OfType<ContainerImageAnnotation>().Last();
            Assert.Equal(image, annotation.Image);
            // Throws when the resource does not reach Running in time.
            await system.App.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.Running).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Contains(running, runningImage => runningImage.StartsWith($"{image}:", StringComparison.Ordinal));
        }
    }
}
