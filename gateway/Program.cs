using Ticketing.Gateway.ApiDocs;
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
builder.AddForwardedClients();
builder.AddCrossOriginStorefronts();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
// An on-sale opens thousands of fans' connections at once. Kestrel's default accept queue (512) overflowed in the
// waiting room's join burst; the kernel then drops the SYN and the fan waits a full second for TCP's retry.
// (Linux caps this at net.core.somaxconn.)
builder.WebHost.UseSockets(sockets => sockets.Backlog = builder.Configuration.GetValue("Gateway:ListenBacklog", 4096));

var app = builder.Build();

app.UseForwardedClients();
app.MapDefaultEndpoints();
app.UseSecurityHeaders();
app.UseRequestLimits();
app.UseStaticSite();
app.UseCrossOriginStorefronts();
app.UseCrossSiteRequestProtection();
app.UseSessionAuthentication();
app.UseRateLimiter();
// Balancing across a service's replicas (power of two choices), a refused connection retried on another replica, and
// the breaker taking a failing replica out; errors left over reach the client in the envelope.
app.MapReverseProxy(proxy => proxy.UseUpstreamErrors().UseRetryOnAnotherReplica().UseLoadBalancing().UsePassiveHealthChecks());
app.MapApiReference();
app.MapUnknownApiPaths();

app.Run();
