using Microsoft.Extensions.Configuration;
using Ticketing.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// Stores: local processes (Debian's packages) or containers (Aspire's resources on images built here), by Stores:Mode,
// whose default (auto) takes containers when a container engine answers. A Redis Cluster (Redis:Cluster=true: six nodes on
// Ports:redis and the five after it) runs as local processes in either mode.
var ports = builder.Configuration.GetSection("Ports");
var inContainers = builder.Configuration.GetStoresMode() == StoresMode.Containers;
var postgres = inContainers
    ? builder.AddContainerPostgres("postgres", ports.GetValue<int>("postgres"))
    : builder.AddLocalPostgres("postgres", ports.GetValue<int>("postgres"));
var redis = builder.Configuration.GetValue("Redis:Cluster", false)
    ? builder.AddLocalRedisCluster("redis", ports.GetValue<int>("redis"))
    : inContainers
        ? builder.AddContainerRedis("redis", ports.GetValue<int>("redis"))
        : builder.AddLocalRedis("redis", ports.GetValue<int>("redis"));
var rabbitmq = inContainers
    ? builder.AddContainerRabbitMq("rabbitmq", ports.GetValue<int>("rabbitmq"), ports.GetValue<int>("rabbitmq-management"))
    : builder.AddLocalRabbitMq("rabbitmq", ports.GetValue<int>("rabbitmq"), ports.GetValue<int>("rabbitmq-management"));

// Secrets: well-known values in Development only (SecretParameters); every other environment must set them.
// The key the gateway signs caller identities with (services verify it, and derive the service-token key from it)
var identityKey = builder.AddSecret("internal-identity-key", "development-only-internal-identity-key-0123456789");
var ticketKey = builder.AddSecret("ticket-signing-key", "development-only-ticket-signing-key-0123456789");
var adminPassword = builder.AddSecret("admin-password", "admin123");

// Services, each with its own database (the waiting room has none: it lives in Redis), waiting for the stores it needs;
// each as Replicas:<name> (or Scale) processes, one by default (ReplicatedProject)
var identity = builder.AddService<Projects.Ticketing_Identity>("identity", identityKey)
    .Configure(s => s.WithDatabase(postgres, "identitydb").WithStore(redis).WithStore(rabbitmq)
        .WithEnvironment("Identity__AdminPassword", adminPassword));
var catalog = builder.AddService<Projects.Ticketing_Catalog>("catalog", identityKey)
    .Configure(s => s.WithDatabase(postgres, "catalogdb").WithStore(redis).WithStore(rabbitmq));
var inventory = builder.AddService<Projects.Ticketing_Inventory>("inventory", identityKey)
    .Configure(s => s.WithDatabase(postgres, "inventorydb").WithStore(redis).WithStore(rabbitmq));
var queue = builder.AddService<Projects.Ticketing_Queue>("queue", identityKey)
    .Configure(s => s.WithStore(redis).WithStore(rabbitmq));
var orders = builder.AddService<Projects.Ticketing_Orders>("orders", identityKey)
    .Configure(s => s.WithDatabase(postgres, "ordersdb").WithStore(rabbitmq)
        .WithEnvironment("Tickets__SigningKey", ticketKey));

// Tests that watch a hold expire shorten it (Holds:HoldDuration); otherwise inventory's 10 minutes
if (builder.Configuration["Holds:HoldDuration"] is { Length: > 0 } holdDuration)
{
    inventory.Configure(s => s.WithEnvironment("Holds__HoldDuration", holdDuration));
}

// Internal gRPC callers find each other through service discovery: the waiting room asks catalog for an event's
// settings, orders asks catalog for the event and inventory for the hold
queue.WithReference(catalog);
orders.WithReference(catalog).WithReference(inventory);

// The one public entry: web clients reach every service through the gateway (Replicas:gateway or Scale of them,
// each balancing across every replica of every service)
var webRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "web", "dist"));
ReplicatedProject.Add(builder, "gateway", (name, port) => builder.AddProject<Projects.Ticketing_Gateway>(name)
        .WithFixedEndpoint("http", port(""))
        .WithHttpHealthCheck("/health")
        .WithTelemetry(builder)
        .WithExternalHttpEndpoints()
        .WithEnvironment("InternalIdentity__SigningKey", identityKey)
        .WithEnvironment("Web__Root", webRoot)
        .WithStore(rabbitmq)
        .WithConfigurationSection(builder, "RateLimits"))
    .WithReference(identity).WithReference(catalog).WithReference(inventory).WithReference(queue).WithReference(orders)
    .WaitFor(identity).WaitFor(catalog).WaitFor(inventory).WaitFor(queue).WaitFor(orders);

builder.Build().Run();
