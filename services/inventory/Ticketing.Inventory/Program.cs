using Ticketing.Inventory.Api;
using Ticketing.Inventory.Extensions;
using Ticketing.ServiceDefaults;
using Ticketing.ServiceDefaults.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseApiDefaults("inventory");
app.MapDefaultEndpoints();
app.MapServiceGrpc();
app.MapInventoryApi();

app.Run();
