using System.Net.Http.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Queue.Admission;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.Testing;

namespace Ticketing.Queue.Tests;

public sealed record QueueStatus(
    [property: JsonPropertyName("position")] long Position,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("estimated_wait_seconds")] long EstimatedWaitSeconds,
    [property: JsonPropertyName("poll_after_ms")] long PollAfterMs = 0);

public sealed record QueueStats(
    [property: JsonPropertyName("queueLength")] long QueueLength,
    [property: JsonPropertyName("activeCount")] long ActiveCount,
    [property: JsonPropertyName("estimatedWait")] long EstimatedWait);

/// <summary>
/// The queue service on real stores, with catalog's gRPC faked; events are created the way
/// catalog creates them, by publishing <see cref="EventCreated"/>. Each host (and the second
/// instance started from its settings) has an event index of its own, so the admission loops of
/// different tests never step each other's events.
/// </summary>
public sealed class QueueHost : IAsyncDisposable
{
    private static readonly InternalIdentitySigner Signer = new(IdentityExtensions.DevelopmentSigningKey);

    private QueueHost(ServiceHost<WaitingRoom> host)
    {
        Host = host;
        Http = host.CreateHttpClient();
        Redis = ConnectionMultiplexer.Connect(host.Settings["ConnectionStrings:redis"]!);
    }

    public ServiceHost<WaitingRoom> Host { get; }

    public HttpClient Http { get; }

    public ConnectionMultiplexer Redis { get; }

    public static async Task<QueueHost> StartAsync(
        TimeSpan? shoppingWindow = null, TimeSpan? admissionInterval = null, Uri? catalogAddress = null, TimeSpan? eventSettingsMaxAge = null)
    {
        var catalog = await FakeCatalog.GetAsync();
        return new QueueHost(await ServiceHost<WaitingRoom>.StartServiceAsync("queue", new Dictionary<string, string?>
        {
            ["Queue:ShoppingWindow"] = (shoppingWindow ?? TimeSpan.FromMinutes(15)).ToString(),
            ["Queue:AdmissionInterval"] = (admissionInterval ?? TimeSpan.FromMilliseconds(100)).ToString(),
            ["Queue:EventSettingsMaxAge"] = (eventSettingsMaxAge ?? TimeSpan.FromSeconds(5)).ToString(),
            ["Queue:EventIndexKey"] = $"queue:test-events:{Guid.NewGuid():N}",
            ["services:catalog:grpc:0"] = (catalogAddress ?? catalog.Address).ToString(),
        }));
    }

    /// <summary>A second queue instance on the same stores (database, Redis, RabbitMQ vhost, event index).</summary>
    public async Task<QueueHost> StartSecondInstanceAsync() =>
        new(await ServiceHost<WaitingRoom>.StartAsync(new Dictionary<string, string?>(Host.Settings)));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Redis.DisposeAsync();
        await Host.DisposeAsync();
    }

    /// <summary>Publishes a new event (with <paramref name="eventId"/> when the test chose one) and waits until queue knows it.</summary>
    public async Task<Guid> CreateEventAsync(
        bool waitingRoom = true, int maxShoppers = 5, string status = "on_sale", DateTimeOffset? onSale = null, Guid? eventId = null)
    {
        var id = eventId ?? Guid.NewGuid();
        await AnnounceEventAsync(id, waitingRoom, maxShoppers, status, onSale);
        // Waits on queue's own copy (not the API, which would ask catalog about an event not heard of yet).
        await Eventually.TrueAsync(() => Redis.GetDatabase().KeyExistsAsync(QueueKeys.Event(id)), TimeSpan.FromSeconds(10), "queue heard of the event");
        return id;
    }

    /// <summary>What catalog publishes when an event is created, and again after every edit of it.</summary>
    public Task AnnounceEventAsync(Guid eventId, bool waitingRoom = true, int maxShoppers = 5, string status = "on_sale", DateTimeOffset? onSale = null) =>
        PublishAsync(new EventCreated(eventId, Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(30),
            onSale ?? DateTimeOffset.UtcNow.AddDays(-1), status, 4, waitingRoom, maxShoppers, []));

    public Task PublishAsync<T>(T message) where T : class => Host.Services.GetRequiredService<IBus>().Publish(message);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Guid? userId)
    {
        var request = new HttpRequestMessage(method, path);
        if (userId is { } id)
        {
            request.Headers.Add(InternalIdentityToken.Header,
                Signer.Create(new CallerIdentity(id, Roles.User, "test"), "queue", DateTimeOffset.UtcNow));
        }
        return Http.SendAsync(request);
    }

    public Task<QueueStatus> JoinAsync(Guid eventId, Guid userId) => ReadAsync<QueueStatus>(HttpMethod.Post, $"/api/v1/queue/{eventId}/join", userId);

    public Task<QueueStatus> StatusAsync(Guid eventId, Guid userId) => ReadAsync<QueueStatus>(HttpMethod.Get, $"/api/v1/queue/{eventId}/status", userId);

    public async Task LeaveAsync(Guid eventId, Guid userId) =>
        (await SendAsync(HttpMethod.Post, $"/api/v1/queue/{eventId}/leave", userId)).EnsureSuccessStatusCode();

    public Task<QueueStats> StatsAsync(Guid eventId) => ReadAsync<QueueStats>(HttpMethod.Get, $"/api/v1/queue/{eventId}/stats", null);

    /// <summary>The shoppers Redis holds as active right now (white-box: the cap is a property of this set).</summary>
    public async Task<Guid[]> ActiveShoppersAsync(Guid eventId) =>
        (await Redis.GetDatabase().SortedSetRangeByRankAsync(QueueKeys.Active(eventId))).Select(v => Guid.Parse((string)v!)).ToArray();

    private async Task<T> ReadAsync<T>(HttpMethod method, string path, Guid? userId)
    {
        var response = await SendAsync(method, path, userId);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}

/// <summary>One queue host shared by the tests of the <c>queue</c> collection (15-minute shopping windows).</summary>
public sealed class SharedQueueHost : IAsyncLifetime
{
    public QueueHost Queue { get; private set; } = null!;

    public async Task InitializeAsync() => Queue = await QueueHost.StartAsync();

    public async Task DisposeAsync() => await Queue.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class QueueCollection : ICollectionFixture<SharedQueueHost>
{
    public const string Name = "queue";
}
