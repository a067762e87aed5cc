using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Ticketing.Identity.Contracts.Grpc;
using Ticketing.Identity.Data;
using Ticketing.Identity.Sessions;

namespace Ticketing.Identity.Grpc;

public sealed class IdentityInternalService(SessionStore sessions, IdentityDbContext db) : IdentityInternal.IdentityInternalBase
{
    public override async Task<AuthenticatedSession> AuthenticateSession(AuthenticateSessionRequest request, ServerCallContext context)
    {
        var session = await sessions.FindAsync(request.SessionId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "Invalid or expired session"));
        return new AuthenticatedSession
        {
            UserId = session.UserId.ToString(),
            Role = session.Role,
            ExpiresAt = Timestamp.FromDateTimeOffset(session.ExpiresAt),
        };
    }

    public override async Task<Contracts.Grpc.User> GetUser(GetUserRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.UserId, out var id))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "user_id is not a UUID"));
        }
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "User not found"));
        return new Contracts.Grpc.User { Id = user.Id.ToString(), Email = user.Email, Name = user.Name, Role = user.Role };
    }
}
