using Ticketing.Gateway.Authentication;
using Ticketing.Gateway.Envelope;
using Ticketing.Gateway.Extensions;
using Ticketing.Gateway.StaticSite;
using Ticketing.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseStaticSite();
app.UseSessionAuthentication();
app.MapReverseProxy(proxy => proxy.UseUpstreamErrors());
app.MapUnknownApiPaths();

app.Run();
