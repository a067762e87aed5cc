using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Ticketing.AppHost.Infrastructure;

/// <summary>
/// Where PostgreSQL, Redis and RabbitMQ come from: <c>Stores:Mode</c> = <c>local</c> (processes from Debian's packages,
/// <see cref="LocalInfrastructureExtensions"/>), <c>containers</c> (<see cref="ContainerStoresExtensions"/>) or
/// <c>auto</c>, the default: containers when a container engine answers, local processes otherwise. <c>./run.sh</c>
/// decides the same way before it starts the AppHost, to build the images or install the packages.
/// </summary>
public enum StoresMode
{
    Local,
    Containers,
}

public static class StoresModeConfiguration
{
    public static StoresMode GetStoresMode(this IConfiguration configuration)
    {
        var mode = configuration["Stores:Mode"] ?? "auto";
        return mode.ToLowerInvariant() switch
        {
            "local" => StoresMode.Local,
            "containers" => StoresMode.Containers,
            "auto" => ContainerEngineAnswers(configuration) ? StoresMode.Containers : StoresMode.Local,
            _ => throw new InvalidOperationException($"Stores:Mode is '{mode}'; it must be local, containers or auto."),
        };
    }

    /// <summary>The engine Aspire would use (<c>ASPIRE_CONTAINER_RUNTIME</c>, docker by default) answers <c>info</c>.</summary>
    private static bool ContainerEngineAnswers(IConfiguration configuration)
    {
        var engine = configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        try
        {
            using var info = Process.Start(new ProcessStartInfo(engine, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            _ = info.StandardOutput.ReadToEndAsync();
            _ = info.StandardError.ReadToEndAsync();
            if (!info.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                info.Kill();
                return false;
            }
            return info.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No such program: no engine.
            return false;
        }
    }
}
