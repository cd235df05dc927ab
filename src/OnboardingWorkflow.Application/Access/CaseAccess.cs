using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;

namespace OnboardingWorkflow.Application.Access;

/// <summary>
/// The ownership rule of cases, in one place for every path: credit staff and auditors see every
/// case; everybody else (sales) sees only the applications they made and the customers whose
/// account they own (whose application created the customer). A duplicate application by
/// another salesperson links to the customer but does not open the customer's file to them.
/// What a user may not see answers "not found", so ids cannot be probed. Every granted read of
/// confidential data is written to the audit trail by the caller through <see cref="AuditRead"/>.
/// </summary>
public sealed class CaseAccess(CaseFile cases)
{
    public bool MaySee(CurrentUser user, OnboardingApplication application) =>
        !user.SeesOnlyOwnCases || user.Is(application.Maker);

    /// <summary>
    /// The same rule as a query over workflow tasks, for lists that page and count in SQL: a
    /// salesperson keeps the tasks of applications they made (<see cref="MaySee"/>) and of limit
    /// changes they requested (as <c>LimitChangeService.GetAsync</c> decides) and of the overdue escalations,
    /// periodic reviews and qualification renewals of the accounts they own; everybody else keeps all.
    /// A task's case is found by its instance, which both kinds of case record.
    /// </summary>
    public IQueryable<WorkflowTaskEntity> VisibleTasks(CurrentUser user, IQueryable<WorkflowTaskEntity> tasks)
    {
        if (!user.SeesOnlyOwnCases)
        {
            return tasks;
        }

        // Identities.Same compares trimmed and ignoring case; lower() is its SQL form here.
        var me = user.Name.Trim().ToLowerInvariant();
        var applications = cases.Db.Set<OnboardingApplication>();
        var changes = cases.Db.Set<LimitChangeRequest>();
        var escalations = from d in cases.Db.Set<DunningCase>()
                          join c in cases.Db.Set<Customer>() on d.CustomerId equals c.Id
                          select new { d.InstanceId, c.Owner };
        var reviews = cases.Db.Set<ReviewCase>();
        var renewals = from r in cases.Db.Set<QualificationRenewal>()
                       join c in cases.Db.Set<Customer>() on r.CustomerId equals c.Id
                       select new { r.InstanceId, c.Owner };
        return tasks.Where(t => applications.Any(a => a.InstanceId == t.InstanceId && a.Maker.Trim().ToLower() == me)
            || reviews.Any(r => r.InstanceId == t.InstanceId && r.Owner.Trim().ToLower() == me)
            || changes.Any(c => c.InstanceId == t.InstanceId && c.RequestedBy.Trim().ToLower() == me)
            || escalations.Any(e => e.InstanceId == t.InstanceId && e.Owner != null && e.Owner.Trim().ToLower() == me)
            || renewals.Any(e => e.InstanceId == t.InstanceId && e.Owner != null && e.Owner.Trim().ToLower() == me));
    }

    /// <summary>The application the user may read, or a not-found refusal.</summary>
    public async Task<OnboardingApplication> ApplicationAsync(CurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        var application = await cases.Db.Set<OnboardingApplication>().FindAsync([id], cancellationToken);
        return application is not null && MaySee(user, application) ? application : throw AppException.NotFound($"Application {id}");
    }

    /// <summary>The application behind a workflow business key, when the user may read it; null when the key names no application.</summary>
    public async Task<OnboardingApplication?> ApplicationOfBusinessKeyAsync(CurrentUser user, string? businessKey, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(businessKey, out var id))
        {
            return null;
        }

        var application = await cases.Db.Set<OnboardingApplication>().FindAsync([id], cancellationToken);
        return application is null || MaySee(user, application) ? application : throw AppException.NotFound("The case");
    }

    /// <summary>
    /// The case behind a workflow instance, when the user may see the instance: the instance of a
    /// case they may read, or any instance for those who see every case (an instance whose business
    /// key names no application is then answered with null). Otherwise a not-found refusal.
    /// </summary>
    public async Task<OnboardingApplication?> ApplicationOfInstanceAsync(CurrentUser user, Guid instanceId, string? businessKey, CancellationToken cancellationToken)
    {
        var application = await ApplicationOfBusinessKeyAsync(user, businessKey, cancellationToken);
        return application is null && user.SeesOnlyOwnCases ? throw AppException.NotFound($"Workflow instance {instanceId}") : application;
    }

    /// <summary>
    /// Whether a salesperson owns the customer's account: their application created the customer.
    /// Customers from before owners were recorded fall back to the maker of the first application.
    /// </summary>
    public async Task<bool> OwnsCustomerAsync(CurrentUser user, Customer customer, CancellationToken cancellationToken)
    {
        var owner = customer.Owner ?? await cases.Db.Set<OnboardingApplication>().AsNoTracking().Where(a => a.CustomerId == customer.Id)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Select(a => a.Maker).FirstOrDefaultAsync(cancellationToken);
        return user.Is(owner);
    }

    /// <summary>
    /// The customers the user may see, as a query for lists paged in SQL: the rule of
    /// <see cref="OwnsCustomerAsync"/> (the recorded owner, else the maker of the first application).
    /// </summary>
    public IQueryable<Customer> VisibleCustomers(CurrentUser user)
    {
        var customers = cases.Db.Set<Customer>().AsQueryable();
        if (!user.SeesOnlyOwnCases)
        {
            return customers;
        }

        var me = user.Name.Trim().ToLower();
        var applications = cases.Db.Set<OnboardingApplication>();
        return customers.Where(c => c.Owner != null
            ? c.Owner.Trim().ToLower() == me
            : applications.Where(a => a.CustomerId == c.Id).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Select(a => a.Maker.Trim().ToLower()).FirstOrDefault() == me);
    }

    public async Task<Customer> CustomerAsync(CurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        var customer = await cases.Db.Set<Customer>().FindAsync([id], cancellationToken);
        if (customer is null || (user.SeesOnlyOwnCases && !await OwnsCustomerAsync(user, customer, cancellationToken)))
        {
            throw AppException.NotFound($"Customer {id}");
        }

        return customer;
    }

    /// <summary>Records a read of confidential data; saved with the caller's unit of work.</summary>
    public void AuditRead(CurrentUser user, string what, string entityType, string entityId, Guid? customerId) =>
        cases.Audit(user.Name, $"{what}.read", entityType, entityId, customerId);
}
