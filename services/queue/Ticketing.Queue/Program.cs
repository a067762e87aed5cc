using Ticketing.Queue.Api;
using Ticketing.Queue.Extensions;
using Ticketing.ServiceDefaults;
using Ticketing.ServiceDefaults.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseApiDefaults("queue");
app.MapDefaultEndpoints();
app.MapServiceGrpc();
app.MapQueueApi();

app.Run();
