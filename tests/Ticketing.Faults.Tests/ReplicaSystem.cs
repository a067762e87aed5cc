namespace Ticketing.Faults.Tests;

/// <summary>
/// The system with two processes of every service and two gateways (AppHost: <c>Scale=2</c>), each gateway balancing
/// across both replicas of every service, for the replica suite (<see cref="ReplicaTests"/>).
/// </summary>
public sealed class ReplicaSystem() : RushSystem("replicas", replicas: 2);

[CollectionDefinition(Name)]
public sealed class ReplicaCollection : ICollectionFixture<ReplicaSystem>
{
    public const string Name = "replicas";
}
