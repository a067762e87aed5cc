using Ticketing.Orders.Api;
using Ticketing.Orders.Extensions;
using Ticketing.ServiceDefaults;
using Ticketing.ServiceDefaults.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseApiDefaults("orders");
app.MapDefaultEndpoints();
app.MapServiceGrpc();
app.MapCheckoutApi();
app.MapOrdersApi();
app.MapTicketsApi();
app.MapSalesAdminApi();

app.Run();
