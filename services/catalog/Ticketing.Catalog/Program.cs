using Ticketing.Catalog.Api;
using Ticketing.Catalog.Extensions;
using Ticketing.ServiceDefaults;
using Ticketing.ServiceDefaults.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseApiDefaults("catalog");
app.MapDefaultEndpoints();
app.MapServiceGrpc();
app.MapCatalogApi();
app.MapBaselineApi();

app.Run();
