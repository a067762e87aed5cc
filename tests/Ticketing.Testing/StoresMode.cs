namespace Ticketing.Testing;

/// <summary>
/// How the fixture starts stores of its own, from TICKETING_TEST_STORES: <c>local</c> (processes, with the
/// AppHost's infra scripts), <c>containers</c> (<see cref="ContainerStores"/>), or <c>auto</c>, the default:
/// containers when a container engine answers, local processes otherwise.
/// </summary>
internal enum StoresMode
{
    Local,
    Containers,
}

internal static class StoresModes
{
    public const string Variable = "TICKETING_TEST_STORES";

    public static StoresMode Chosen() => Environment.GetEnvironmentVariable(Variable)?.Trim().ToLowerInvariant() switch
    {
        "local" => StoresMode.Local,
        "containers" => StoresMode.Containers,
        null or "" or "auto" => ContainerEngine.Answers() ? StoresMode.Containers : StoresMode.Local,
        var other => throw new InvalidOperationException($"{Variable}={other}: expected local, containers or auto."),
    };
}
