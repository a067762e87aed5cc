namespace Ticketing.Catalog.Domain;

/// <summary>A rule of the catalog domain was broken by the caller's input (answered as 400).</summary>
public class DomainException(string message) : Exception(message);

/// <summary>The request is valid but conflicts with the aggregate's current state (answered as 409).</summary>
public sealed class DomainConflictException(string message) : DomainException(message);
