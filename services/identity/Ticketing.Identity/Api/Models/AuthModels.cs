using System.Text.Json.Serialization;

namespace Ticketing.Identity.Api.Models;

// Bodies of the public contract (reference-behaviour.md section 1, Auth). Request fields are
// nullable so a missing field is a clear 400 rather than a binding error.

public sealed record RegisterRequest(string? Email, string? Password, string? Name);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record UserResponse(Guid Id, string Email, string Name, string Role);

public sealed record LoginResponse(
    UserResponse User,
    [property: JsonPropertyName("sessionId")] string SessionId,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset ExpiresAt);
