using Ticketing.Testing.AppHost;

namespace Ticketing.Faults.Tests;

/// <summary>The system as one process per service, for the fault suite: the processes a fault test kills in turn.</summary>
public sealed class FaultSystem() : RushSystem("faults", replicas: 1)
{
    /// <summary>Every service process; with the gateway, the ones a fault test kills in turn.</summary>
    public static readonly string[] Services = BootedSystem.Services;
}

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultSystem>
{
    public const string Name = "faults";
}
