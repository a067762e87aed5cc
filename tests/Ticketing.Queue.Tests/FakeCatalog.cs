using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Catalog.Contracts.Grpc;
using Ticketing.Testing;

namespace Ticketing.Queue.Tests;

/// <summary>
/// Catalog's internal gRPC surface with events the test puts in: queue's fallback for events it
/// has not heard of through messages. Unknown events answer NOT_FOUND, as catalog does.
/// </summary>
public sealed class FakeCatalog
{
    private static readonly Lazy<Task<FakeCatalog>> Shared = new(StartAsync);
    private readonly ConcurrentDictionary<string, EventSaleSettings> _events = new();

    private FakeCatalog(Uri address) => Address = address;

    public Uri Address { get; }

    public static Task<FakeCatalog> GetAsync() => Shared.Value;

    public void Add(EventSaleSettings settings) => _events[settings.EventId] = settings;

    public static EventSaleSettings Settings(Guid eventId, bool waitingRoom, int maxShoppers) => new()
    {
        EventId = eventId.ToString(),
        Status = "on_sale",
        OnSaleDate = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
        EventDate = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30)),
        MaxTicketsPerUser = 4,
        WaitingRoomEnabled = waitingRoom,
        MaxConcurrentShoppers = maxShoppers,
    };

    private static async Task<FakeCatalog> StartAsync()
    {
        var port = FreePorts.Take();
        var catalog = new FakeCatalog(new Uri($"http://127.0.0.1:{port}"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(catalog);
        var app = builder.Build();
        app.MapGrpcService<Service>();
        await app.StartAsync();
        return catalog;
    }

    private sealed class Service(FakeCatalog catalog) : CatalogInternal.CatalogInternalBase
    {
        public override Task<EventSaleSettings> GetEventSaleSettings(GetEventSaleSettingsRequest request, ServerCallContext context) =>
            catalog._events.TryGetValue(request.EventId, out var settings)
                ? Task.FromResult(settings)
                : throw new RpcException(new Status(StatusCode.NotFound, "Event not found"));
    }
}
