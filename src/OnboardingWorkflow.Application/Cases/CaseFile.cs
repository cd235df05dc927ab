using System.Text.Json;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;

namespace OnboardingWorkflow.Application.Cases;

/// <summary>
/// The case an onboarding instance works on, and the writes every step shares: the credit
/// archive, the audit trail and e-mails to the maker. Nothing here saves: the engine's commit
/// (or the endpoint's SaveChanges) writes it with the rest of the unit of work.
/// </summary>
public sealed class CaseFile(OnboardingDbContext db, IEmailOutbox outbox, TimeProvider clock)
{
    public const string ProcessKey = Onboarding.OnboardingProcess.Key;
    public const string System = "system";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public OnboardingDbContext Db => db;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The application of an instance: its business key is the application id.</summary>
    public async Task<OnboardingApplication> ApplicationAsync(string? businessKey, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(businessKey, out var id))
        {
            throw new InvalidOperationException($"The business key '{businessKey}' is not an application id.");
        }

        // FindAsync also sees an application added in this unit of work and not saved yet.
        return await db.Set<OnboardingApplication>().FindAsync([id], cancellationToken)
            ?? throw new InvalidOperationException($"Application {id} does not exist.");
    }

    public async Task<Customer> CustomerAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Set<Customer>().FindAsync([id], cancellationToken) ?? throw new InvalidOperationException($"Customer {id} does not exist.");

    public void Archive(OnboardingApplication application, string elementId, string by, DecisionOutcome outcome, string? comment = null,
        object? data = null, string? policyVersion = null, string? taskId = null)
    {
        db.Set<CreditDecision>().Add(new CreditDecision
        {
            Id = Guid.NewGuid(),
            ApplicationId = application.Id,
            CustomerId = application.CustomerId,
            TaskId = taskId,
            ElementId = elementId,
            DecidedBy = by,
            Outcome = outcome,
            Comment = comment,
            DataJson = data is null ? null : JsonSerializer.Serialize(data, Json),
            PolicyVersion = policyVersion,
            DecidedAt = Now,
        });
        Audit(by, $"decision.{outcome}", "Application", application.Id.ToString(), application.CustomerId, comment);
    }

    public void Audit(string actor, string action, string entityType, string entityId, Guid? customerId = null, string? detail = null) =>
        db.Set<AuditEvent>().Add(new AuditEvent
        {
            At = Now,
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            CustomerId = customerId,
            Detail = detail is { Length: > 4000 } ? detail[..4000] : detail,
        });

    public void NotifyMaker(OnboardingApplication application, string subject, string body, string category) =>
        outbox.Enqueue(new EmailMessage([application.Maker], subject, body, Category: category, CorrelationId: application.Id.ToString()));

    public void Touch(OnboardingApplication application) => application.UpdatedAt = Now;
}
