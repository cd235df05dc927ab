using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// Adds audit events about users and sign-ins to the unit of work; the caller's next save writes
/// them together with the change they describe.
/// </summary>
public sealed class SecurityAudit(OnboardingDbContext db, TimeProvider clock)
{
    public const string UserEntity = "User";

    /// <summary>The actor of changes made from the server's command line.</summary>
    public const string CommandLine = "command-line";

    public void Record(string actor, string action, string entityType, string entityId, string? detail = null) =>
        db.Set<AuditEvent>().Add(new AuditEvent
        {
            At = clock.GetUtcNow(),
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Detail = detail is { Length: > 4000 } ? detail[..4000] : detail,
        });
}
