using Ticketing.Gateway.Authentication;
using Ticketing.Gateway.Envelope;
using Ticketing.Gateway.Extensions;
using Ticketing.Gateway.Protection;
using Ticketing.Gateway.StaticSite;
using Ticketing.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewayServices();
builder.AddRateLimits();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseSecurityHeaders();
app.UseRequestLimits();
app.UseStaticSite();
app.UseCrossSiteRequestProtection();
app.UseSessionAuthentication();
app.UseRateLimiter();
app.MapReverseProxy(proxy => proxy.UseUpstreamErrors().UsePassiveHealthChecks());
app.MapUnknownApiPaths();

app.Run();
