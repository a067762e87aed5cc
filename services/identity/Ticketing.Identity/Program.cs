using Ticketing.Identity.Api;
using Ticketing.Identity.Extensions;
using Ticketing.ServiceDefaults;
using Ticketing.ServiceDefaults.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseApiDefaults("identity");
app.MapDefaultEndpoints();
app.MapServiceGrpc();
app.MapIdentityApi();

app.Run();
