using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Application.Notifications;
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
    public const string System = "system";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public OnboardingDbContext Db => db;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// How the person acts in this unit of work when it is not a signed-in session (dashboard or
    /// API): <see cref="Channels.EmailLink"/> or <see cref="Channels.EmailReply"/>. Written on every
    /// decision and audit line the unit of work adds.
    /// </summary>
    public string? Channel { get; set; }

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
        AddDecision(application.Id, null, null, application.CustomerId, elementId, by, outcome, comment, data, policyVersion, taskId);
        Audit(by, $"decision.{outcome}", "Application", application.Id.ToString(), application.CustomerId, comment);
    }

    /// <summary>An archive entry of a limit change: the same record as an application's decisions, keyed by the change.</summary>
    public void Archive(LimitChangeRequest change, string elementId, string by, DecisionOutcome outcome, string? comment = null,
        object? data = null, string? policyVersion = null, string? taskId = null)
    {
        AddDecision(null, change.Id, null, change.CustomerId, elementId, by, outcome, comment, data, policyVersion, taskId);
        Audit(by, $"decision.{outcome}", "LimitChange", change.Id.ToString(), change.CustomerId, comment);
    }

    /// <summary>An archive entry of a periodic review, keyed by the review case.</summary>
    public void Archive(ReviewCase review, string elementId, string by, DecisionOutcome outcome, string? comment = null,
        object? data = null, string? policyVersion = null, string? taskId = null)
    {
        AddDecision(null, null, review.Id, review.CustomerId, elementId, by, outcome, comment, data, policyVersion, taskId);
        Audit(by, $"decision.{outcome}", "ReviewCase", review.Id.ToString(), review.CustomerId, comment);
    }

    /// <summary>An archive entry of a remediation case, keyed by the case's workflow instance.</summary>
    public void Archive(RemediationCase remediation, string elementId, string by, DecisionOutcome outcome, string? comment = null,
        object? data = null, string? policyVersion = null, string? taskId = null)
    {
        AddDecision(null, null, null, remediation.CustomerId, elementId, by, outcome, comment, data, policyVersion, taskId, remediation.InstanceId);
        Audit(by, $"decision.{outcome}", "RemediationCase", remediation.InstanceId.ToString(), remediation.CustomerId, comment);
    }

    private void AddDecision(Guid? applicationId, Guid? limitChangeId, Guid? reviewCaseId, Guid customerId, string elementId, string by, DecisionOutcome outcome, string? comment,
        object? data, string? policyVersion, string? taskId, Guid? remediationInstanceId = null) =>
        db.Set<CreditDecision>().Add(new CreditDecision
        {
            Id = Guid.NewGuid(),
            ApplicationId = applicationId,
            LimitChangeId = limitChangeId,
            ReviewCaseId = reviewCaseId,
            RemediationInstanceId = remediationInstanceId,
            CustomerId = customerId,
            TaskId = taskId,
            ElementId = elementId,
            DecidedBy = by,
            Outcome = outcome,
            Comment = comment,
            DataJson = data is null ? null : JsonSerializer.Serialize(data, Json),
            PolicyVersion = policyVersion,
            DecidedAt = Now,
            Channel = Channel,
        });

    /// <summary>
    /// Archive entries matching <paramref name="filter"/>: those saved and those this unit of work
    /// is adding, so a handler sees the decision that moved the instance into it.
    /// </summary>
    public async Task<List<CreditDecision>> DecisionsAsync(System.Linq.Expressions.Expression<Func<CreditDecision, bool>> filter, CancellationToken cancellationToken)
    {
        var saved = await db.Set<CreditDecision>().Where(filter).ToListAsync(cancellationToken);
        var pending = db.Set<CreditDecision>().Local.Where(filter.Compile());
        return saved.Concat(pending).DistinctBy(d => d.Id).ToList();
    }

    /// <summary>Appends to the customer's limit history.</summary>
    public void RecordLimit(Guid customerId, Guid? caseId, string source, decimal previous, decimal next, string by, string? reason,
        DateOnly? validUntil = null, string? policyVersion = null) =>
        db.Set<CreditLimitRecord>().Add(new CreditLimitRecord
        {
            Id = Guid.NewGuid(),
            CustomerId = customerId,
            CaseId = caseId,
            Source = source,
            PreviousLimit = previous,
            NewLimit = next,
            ValidUntil = validUntil,
            DecidedBy = by,
            Reason = reason is { Length: > 2000 } ? reason[..2000] : reason,
            PolicyVersion = policyVersion,
            EffectiveAt = Now,
        });

    /// <summary>Queues an e-mail to a person, written in the language they chose (see <see cref="UserPreferences"/>).</summary>
    public async Task NotifyAsync(string to, MailTemplate template, IReadOnlyList<object?> args, string correlationId, CancellationToken cancellationToken)
    {
        var culture = await UserPreferences.CultureToWriteToAsync(db, to, cancellationToken);
        var (subject, body) = MailComposer.Compose(template, culture, args);
        outbox.Enqueue(new EmailMessage([to], subject, body, Category: template.Category, CorrelationId: correlationId));
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
            Channel = Channel,
        });

    /// <summary>Queues an e-mail about the application to its maker.</summary>
    public Task NotifyMakerAsync(OnboardingApplication application, MailTemplate template, IReadOnlyList<object?> args, CancellationToken cancellationToken) =>
        NotifyAsync(application.Maker, template, args, application.Id.ToString(), cancellationToken);

    /// <summary>The customer's latest statements: those of the newest application that brought any.</summary>
    public async Task<Credit.Statements.FinancialStatements?> StatementsOnFileAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var sets = await (from s in db.Set<FinancialStatementSet>()
                          join a in db.Set<OnboardingApplication>() on s.ApplicationId equals a.Id
                          where a.CustomerId == customerId
                          select new { s.SubmittedAt, s.StatementsJson }).ToListAsync(cancellationToken);
        var latest = sets.OrderByDescending(s => s.SubmittedAt).FirstOrDefault();
        return latest is null ? null : Credit.CreditJson.Deserialize<Credit.Statements.FinancialStatements>(latest.StatementsJson, "statements");
    }

    public void Touch(OnboardingApplication application) => application.UpdatedAt = Now;
}
