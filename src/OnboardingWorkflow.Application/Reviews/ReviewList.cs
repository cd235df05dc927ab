using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.Reviews;

/// <summary>Where a running review stands.</summary>
public enum ReviewStage
{
    /// <summary>The account owner has the task to send fresh statements.</summary>
    Statements,

    /// <summary>Neither statements nor a decision is awaited: the re-scoring runs (or stopped at an incident).</summary>
    Assessment,

    /// <summary>Scored: the approvers decide the proposal.</summary>
    Decision,
}

/// <summary>Filter and page of the review list; null members do not filter.</summary>
public sealed record ReviewListQuery
{
    /// <summary>Running (the default), Completed or Rejected.</summary>
    public string? Status { get; init; } = nameof(ReviewCaseStatus.Running);

    /// <summary>Statements, Assessment or Decision (running reviews only).</summary>
    public string? Stage { get; init; }

    /// <summary>Only running reviews whose due date has passed.</summary>
    public bool OverdueOnly { get; init; }

    /// <summary>Customer name (part) or registration number (prefix).</summary>
    public string? Search { get; init; }

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

/// <summary>A review in the list: the customer, the cycle's due date, where it stands, its cause, and the task that waits.</summary>
public sealed record ReviewRow(Guid Id, Guid CustomerId, string CustomerName, DateOnly DueDate, string Status, string? Stage, bool Overdue, Guid InstanceId,
    string Owner, DateTimeOffset StartedAt, DateTimeOffset? DecidedAt, string PreviousGrade, decimal PreviousLimit, string? Grade, decimal? ApprovedLimit,
    string? OpenTaskId, string? OpenTaskElement, string? OpenTaskName, DateTimeOffset? OpenTaskDue, IReadOnlyList<ReviewCause> Causes);

/// <summary>
/// The periodic and triggered reviews across the customers a user may read (a salesperson sees
/// only their own accounts), filtered, counted and paged in SQL: the stage is read from the case
/// (scored or not) and the open statements task of its instance, both on indexes. Running reviews
/// come most urgent first. A list opens no credit file, so it is not audited (as the customer list).
/// </summary>
public sealed class ReviewList(CaseFile cases, CaseAccess access)
{
    public const int MaxPageSize = 100;

    private static readonly string Open = UserTaskStatus.Open.ToString();

    public async Task<Page<ReviewRow>> ListAsync(CurrentUser user, ReviewListQuery query, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.CaseReaders, user))
        {
            throw AppException.Forbidden("Reviews are read by those who read the customers: sales (their own accounts), credit staff and auditors.");
        }

        var rules = new InputRules();
        rules.Paging(query.Page, query.PageSize, MaxPageSize);
        var status = string.IsNullOrWhiteSpace(query.Status) ? null : rules.Choice<ReviewCaseStatus>("status", query.Status);
        var stage = string.IsNullOrWhiteSpace(query.Stage) ? null : rules.Choice<ReviewStage>("stage", query.Stage);
        var search = rules.Text("search", query.Search, 100);
        rules.ThrowIfAny();

        var db = cases.Db;
        var today = DateOnly.FromDateTime(cases.Now.UtcDateTime);
        var statementsTasks = db.Set<WorkflowTaskEntity>().Where(t => t.Status == Open && t.ElementId == ReviewProcess.Tasks.CollectStatements);
        var customers = access.VisibleCustomers(user);
        if (search is not null)
        {
            var s = search.ToLower();
            customers = customers.Where(c => c.Name.ToLower().Contains(s) || c.RegistrationNumber.ToLower().StartsWith(s));
        }

        var reviews = db.Set<ReviewCase>().AsNoTracking().AsQueryable();
        if (status is { } only)
        {
            reviews = reviews.Where(r => r.Status == only);
        }

        if (query.OverdueOnly)
        {
            reviews = reviews.Where(r => r.Status == ReviewCaseStatus.Running && r.DueDate < today);
        }

        var rows = reviews.Join(customers, r => r.CustomerId, c => c.Id, (r, c) => new
        {
            Review = r,
            c.Name,
            AwaitsStatements = statementsTasks.Any(t => t.InstanceId == r.InstanceId),
        });
        rows = stage switch
        {
            ReviewStage.Statements => rows.Where(r => r.Review.Status == ReviewCaseStatus.Running && r.Review.Score == null && r.AwaitsStatements),
            ReviewStage.Assessment => rows.Where(r => r.Review.Status == ReviewCaseStatus.Running && r.Review.Score == null && !r.AwaitsStatements),
            ReviewStage.Decision => rows.Where(r => r.Review.Status == ReviewCaseStatus.Running && r.Review.Score != null),
            _ => rows,
        };

        var total = await rows.CountAsync(cancellationToken);
        var ordered = status == ReviewCaseStatus.Running
            ? rows.OrderBy(r => r.Review.DueDate).ThenBy(r => r.Review.Id)
            : rows.OrderByDescending(r => r.Review.DueDate).ThenBy(r => r.Review.Id);
        var page = await ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);

        var instances = page.Select(r => r.Review.InstanceId).ToList();
        var tasks = instances.Count == 0
            ? []
            : await db.Set<WorkflowTaskEntity>().AsNoTracking().Where(t => instances.Contains(t.InstanceId) && t.Status == Open)
                .Select(t => new { t.Id, t.InstanceId, t.Name, t.ElementId, t.DueDate, t.DueOrder }).ToListAsync(cancellationToken);
        var windows = page.Select(r => new ReviewWindow(r.Review.Id, r.Review.CustomerId, r.Review.InstanceId, r.Review.DueDate, r.Review.StartedAt, r.Review.DecidedAt))
            .ToList();
        var causes = await ReviewCauses.OfAsync(db, await AllWindowsAsync(windows, cancellationToken), cancellationToken);

        var items = page.Select(r =>
        {
            var v = r.Review;
            var task = tasks.Where(t => t.InstanceId == v.InstanceId).OrderBy(t => t.DueOrder).ThenBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault();
            var running = v.Status == ReviewCaseStatus.Running;
            string? at = !running ? null
                : v.Score is not null ? nameof(ReviewStage.Decision)
                : r.AwaitsStatements ? nameof(ReviewStage.Statements)
                : nameof(ReviewStage.Assessment);
            return new ReviewRow(v.Id, v.CustomerId, r.Name, v.DueDate, v.Status.ToString(), at, running && v.DueDate < today, v.InstanceId, v.Owner, v.StartedAt,
                v.DecidedAt, v.PreviousGrade, v.PreviousLimit, v.Grade, v.ApprovedLimit, task?.Id, task?.ElementId, task?.Name ?? task?.ElementId, task?.DueDate,
                causes.TryGetValue(v.Id, out var c) ? c : []);
        }).ToList();
        return new Page<ReviewRow>(items, total, query.Page, query.PageSize);
    }

    /// <summary>
    /// The page's reviews with the other reviews of their customers: a cause belongs to the one case
    /// whose window holds it, so the neighbours must be known to place it.
    /// </summary>
    private async Task<IReadOnlyList<ReviewWindow>> AllWindowsAsync(IReadOnlyList<ReviewWindow> page, CancellationToken cancellationToken)
    {
        var customers = page.Select(w => w.CustomerId).Distinct().ToList();
        if (customers.Count == 0)
        {
            return page;
        }

        return await cases.Db.Set<ReviewCase>().AsNoTracking().Where(r => customers.Contains(r.CustomerId))
            .Select(r => new ReviewWindow(r.Id, r.CustomerId, r.InstanceId, r.DueDate, r.StartedAt, r.DecidedAt)).ToListAsync(cancellationToken);
    }
}
