using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Ticketing.Testing;

namespace Ticketing.Platform.Tests;

/// <summary>A stand-in for the services behind a gateway under test: a minimal app on a free loopback port.</summary>
public static class StubUpstream
{
    public static async Task<(WebApplication App, int Port)> StartAsync(Action<WebApplication> map)
    {
        var port = FreePorts.Take();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, port);
    }
}
