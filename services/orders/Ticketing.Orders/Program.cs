using Ticketing.Orders.Checkout;
using Ticketing.Orders.Extensions;
using Ticketing.Orders.Orders;
using Ticketing.Orders.Sales;
using Ticketing.Orders.Tickets;
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
