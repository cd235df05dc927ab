using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.Tasks;

/// <summary>
/// The task inbox every client shows (API, dashboard): open tasks filtered, searched, sorted,
/// paged and counted in the database, so it stays fast with 100,000 open tasks beside a million
/// ended ones. Who sees what: auditors every open task (read only); everybody else the tasks
/// assigned to, claimed by or offered to them or their groups; sales only those of their own cases
/// (<see cref="CaseAccess.VisibleTasks"/>, the ownership rule's one home).
/// <para>
/// Two choices, measured (BENCHMARKS.md, "Task inbox"). Who may take a task is decided from the
/// task row alone: its candidates as a token key and a copy of its claim sit on the row, in one
/// covering index with the due order, so a count is one index range scan; probing the candidate
/// and claim tables once per open task made each count take seconds on SQLite. Case data
/// (customer, registration number, requested amount) is instead joined at query time through the
/// task's instance id, which applications and limit changes both record (indexed): only a page of
/// rows is joined, counts without a search never join, and a copy would need the engine's store
/// to know the domain and would go stale when a customer is renamed.
/// </para>
/// </summary>
public sealed class TaskInbox(CaseFile cases, CaseAccess access)
{
    private static readonly string Open = UserTaskStatus.Open.ToString();

    public async Task<InboxPage> QueryAsync(CurrentUser user, InboxQuery query, CancellationToken cancellationToken)
    {
        var tasks = Filtered(user, query);
        var total = await tasks.CountAsync(cancellationToken);
        var rows = await PageRows(tasks, query).ToListAsync(cancellationToken);

        var ids = rows.Select(r => r.Id).ToList();
        var candidates = (await cases.Db.Set<WorkflowTaskCandidateEntity>().AsNoTracking()
                .Where(c => ids.Contains(c.TaskId)).OrderBy(c => c.Id).Select(c => new { c.TaskId, c.Kind, c.Value })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.TaskId);
        var at = cases.Now;
        var items = rows.Select(r => new InboxItem(r.Id, r.InstanceId, r.ProcessKey, r.BusinessKey, r.ElementId, r.Name, r.Assignee, r.ClaimedBy,
            candidates[r.Id].Where(c => c.Kind == WorkflowTaskCandidateEntity.GroupKind).Select(c => c.Value).ToList(),
            candidates[r.Id].Where(c => c.Kind == WorkflowTaskCandidateEntity.UserKind).Select(c => c.Value).ToList(),
            r.DueDate, r.FollowUpDate, r.Priority, r.FormKey, r.CreatedAt, r.DueDate < at, r.CustomerName, r.RegistrationNumber, r.RequestedAmount)).ToList();

        // A task list shows whose cases wait where: the read is recorded like any other read of case data.
        cases.Audit(user.Name, "tasks.read", "Task", $"filter={query.Filter}",
            detail: $"{(query.OnlyOverdue ? "overdue " : "")}group={query.Group} search={query.Search} sort={query.Sort}{(query.Descending ? " desc" : "")} page={query.Page}: {items.Count} of {total} task(s)");
        await cases.Db.SaveChangesAsync(cancellationToken);
        return new InboxPage(items, total, query.Page, query.PageSize);
    }

    /// <summary>The live count of every filter, one SQL COUNT each; none loads a row.</summary>
    public async Task<InboxCounts> CountAsync(CurrentUser user, string? search, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<InboxFilter, int>();
        foreach (var filter in Enum.GetValues<InboxFilter>())
        {
            counts[filter] = await CountAsync(user, filter, search, cancellationToken);
        }

        return new InboxCounts(counts[InboxFilter.Available], counts[InboxFilter.Mine], counts[InboxFilter.MyGroups], counts[InboxFilter.Unclaimed],
            counts[InboxFilter.Overdue], counts[InboxFilter.DueToday], counts[InboxFilter.FollowUp]);
    }

    /// <summary>The count of one filter: a single SQL COUNT.</summary>
    public Task<int> CountAsync(CurrentUser user, InboxFilter filter, string? search, CancellationToken cancellationToken) =>
        Filtered(user, filter, null, InboxQuery.SearchTerm(search)).CountAsync(cancellationToken);

    /// <summary>The tasks of the whole query, unpaged: what the total counts.</summary>
    internal IQueryable<WorkflowTaskEntity> Filtered(CurrentUser user, InboxQuery query)
    {
        var tasks = Filtered(user, query.Filter, query.Group, InboxQuery.SearchTerm(query.Search));
        if (query.OnlyOverdue)
        {
            var now = cases.Now;
            tasks = tasks.Where(t => t.DueOrder < now);
        }

        return tasks;
    }

    /// <summary>One page of the tasks with their case data, sorted.</summary>
    internal IQueryable<InboxRow> PageRows(IQueryable<WorkflowTaskEntity> tasks, InboxQuery query) =>
        Sorted(WithCase(tasks), query.Sort, query.Descending).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize);

    /// <summary>The open tasks the user may see, narrowed by the filter, group and search; not yet sorted.</summary>
    /// <remarks>
    /// Every condition but the search and the sales ownership rule reads only the task row, and
    /// only columns of the inbox index (Status, DueOrder, Id, Assignee, ClaimedBy, FollowUpDate,
    /// CandidateKey): a count is one index range scan, with no lookup per task.
    /// </remarks>
    internal IQueryable<WorkflowTaskEntity> Filtered(CurrentUser user, InboxFilter filter, string? group, string? term)
    {
        var name = user.Name;
        var tasks = cases.Db.Set<WorkflowTaskEntity>().AsNoTracking().Where(t => t.Status == Open);
        if (!user.IsAuditor)
        {
            // The engine's candidate rule (TaskActions.IsCandidate), plus a claim the user holds.
            tasks = tasks.Where(Or(t => t.Assignee == name || t.ClaimedBy == name, And(t => t.Assignee == null, OfferedTo([WorkflowTaskEntity.UserToken(name),
                .. user.Roles.Select(WorkflowTaskEntity.GroupToken)]))));
        }

        tasks = access.VisibleTasks(user, tasks);
        if (group is not null)
        {
            if (!user.IsAuditor && !user.IsInRole(group))
            {
                throw AppException.Forbidden($"{user.Name} is not in the group {group}.");
            }

            var token = WorkflowTaskEntity.GroupToken(group);
            tasks = tasks.Where(t => t.CandidateKey!.Contains(token));
        }

        // What the user may take: not what a colleague has claimed. Auditors take nothing and see all.
        var available = user.IsAuditor ? tasks : tasks.Where(t => t.ClaimedBy == null || t.ClaimedBy == name);
        var now = cases.Now;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var tomorrow = today.AddDays(1);
        tasks = filter switch
        {
            InboxFilter.Available => available,
            InboxFilter.Mine => tasks.Where(t => t.Assignee == name || t.ClaimedBy == name),

            // The team's view: claimed by a colleague or not.
            InboxFilter.MyGroups => user.Roles.Count == 0 ? tasks.Where(t => false)
                : tasks.Where(And(t => t.Assignee == null, OfferedTo(user.Roles.Select(WorkflowTaskEntity.GroupToken).ToList()))),
            InboxFilter.Unclaimed => tasks.Where(t => t.Assignee == null && t.ClaimedBy == null),

            // DueOrder, not DueDate: the index's range; no due date sorts after every date.
            InboxFilter.Overdue => available.Where(t => t.DueOrder < now),
            InboxFilter.DueToday => available.Where(t => t.DueOrder >= today && t.DueOrder < tomorrow),
            InboxFilter.FollowUp => available.Where(t => t.FollowUpDate != null && t.FollowUpDate <= now),
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown inbox filter."),
        };

        return term is null ? tasks : Search(tasks, term);
    }

    /// <summary>The task's candidate key holds one of the tokens; each token a query parameter.</summary>
    private static Expression<Func<WorkflowTaskEntity, bool>> OfferedTo(IReadOnlyList<string> tokens)
    {
        Expression<Func<WorkflowTaskEntity, bool>>? any = null;
        foreach (var token in tokens)
        {
            Expression<Func<WorkflowTaskEntity, bool>> one = t => t.CandidateKey!.Contains(token);
            any = any is null ? one : Or(any, one);
        }

        return any ?? (t => false);
    }

    private static Expression<Func<WorkflowTaskEntity, bool>> Or(Expression<Func<WorkflowTaskEntity, bool>> a, Expression<Func<WorkflowTaskEntity, bool>> b) =>
        Combine(a, b, Expression.OrElse);

    private static Expression<Func<WorkflowTaskEntity, bool>> And(Expression<Func<WorkflowTaskEntity, bool>> a, Expression<Func<WorkflowTaskEntity, bool>> b) =>
        Combine(a, b, Expression.AndAlso);

    private static Expression<Func<WorkflowTaskEntity, bool>> Combine(Expression<Func<WorkflowTaskEntity, bool>> a, Expression<Func<WorkflowTaskEntity, bool>> b,
        Func<Expression, Expression, BinaryExpression> join)
    {
        var t = a.Parameters[0];
        return Expression.Lambda<Func<WorkflowTaskEntity, bool>>(join(a.Body, new Rebind(b.Parameters[0], t).Visit(b.Body)), t);
    }

    /// <summary>Puts one lambda's parameter in place of another's, so two predicates share one body.</summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>Customer name contains the term, or the registration number starts with it; ignoring case.</summary>
    private IQueryable<WorkflowTaskEntity> Search(IQueryable<WorkflowTaskEntity> tasks, string term)
    {
        var db = cases.Db;
        var applications = db.Set<OnboardingApplication>();
        var changes = db.Set<LimitChangeRequest>();
        var customers = db.Set<Customer>().Where(c => c.Name.ToLower().Contains(term) || c.RegistrationNumber.ToLower().StartsWith(term));
        return tasks.Where(t => applications.Any(a => a.InstanceId == t.InstanceId && customers.Any(c => c.Id == a.CustomerId))
            || changes.Any(l => l.InstanceId == t.InstanceId && customers.Any(c => c.Id == l.CustomerId)));
    }

    private IQueryable<InboxRow> WithCase(IQueryable<WorkflowTaskEntity> tasks)
    {
        var db = cases.Db;
        return from t in tasks
               join a in db.Set<OnboardingApplication>() on (Guid?)t.InstanceId equals a.InstanceId into aj
               from a in aj.DefaultIfEmpty()
               join l in db.Set<LimitChangeRequest>() on (Guid?)t.InstanceId equals l.InstanceId into lj
               from l in lj.DefaultIfEmpty()
               join ca in db.Set<Customer>() on (Guid?)a!.CustomerId equals ca.Id into caj
               from ca in caj.DefaultIfEmpty()
               join cl in db.Set<Customer>() on (Guid?)l!.CustomerId equals cl.Id into clj
               from cl in clj.DefaultIfEmpty()
               select new InboxRow
               {
                   Id = t.Id,
                   InstanceId = t.InstanceId,
                   ProcessKey = t.ProcessKey,
                   BusinessKey = t.BusinessKey,
                   ElementId = t.ElementId,
                   Name = t.Name,
                   Assignee = t.Assignee,
                   ClaimedBy = t.ClaimedBy,
                   DueDate = t.DueDate,
                   DueOrder = t.DueOrder,
                   FollowUpDate = t.FollowUpDate,
                   Priority = t.Priority,
                   FormKey = t.FormKey,
                   CreatedAt = t.CreatedAt,
                   CustomerName = ca != null ? ca.Name : cl != null ? cl.Name : null,
                   RegistrationNumber = ca != null ? ca.RegistrationNumber : cl != null ? cl.RegistrationNumber : null,
                   RequestedAmount = a != null ? a.RequestedLimit : l != null ? l.RequestedLimit : null,
               };
    }

    private static IQueryable<InboxRow> Sorted(IQueryable<InboxRow> rows, InboxSort sort, bool descending) => (sort, descending) switch
    {
        (InboxSort.DueDate, false) => rows.OrderBy(r => r.DueOrder).ThenBy(r => r.Id),

        // Descending keeps tasks without a due date last: they are the least urgent either way.
        (InboxSort.DueDate, true) => rows.OrderBy(r => r.DueDate == null).ThenByDescending(r => r.DueOrder).ThenByDescending(r => r.Id),
        (InboxSort.Created, false) => rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
        (InboxSort.Created, true) => rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
        (InboxSort.Priority, false) => rows.OrderBy(r => r.Priority).ThenBy(r => r.Id),
        (InboxSort.Priority, true) => rows.OrderByDescending(r => r.Priority).ThenByDescending(r => r.Id),
        (InboxSort.RequestedAmount, false) => rows.OrderBy(r => r.RequestedAmount == null).ThenBy(r => r.RequestedAmount).ThenBy(r => r.Id),
        (InboxSort.RequestedAmount, true) => rows.OrderBy(r => r.RequestedAmount == null).ThenByDescending(r => r.RequestedAmount).ThenByDescending(r => r.Id),
        (InboxSort.Customer, false) => rows.OrderBy(r => r.CustomerName == null).ThenBy(r => r.CustomerName).ThenBy(r => r.Id),
        (InboxSort.Customer, true) => rows.OrderBy(r => r.CustomerName == null).ThenByDescending(r => r.CustomerName).ThenByDescending(r => r.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown inbox sort."),
    };

    /// <summary>A task row with its claim and case data, as the page query reads it.</summary>
    internal sealed class InboxRow
    {
        public required string Id { get; init; }
        public Guid InstanceId { get; init; }
        public required string ProcessKey { get; init; }
        public string? BusinessKey { get; init; }
        public required string ElementId { get; init; }
        public string? Name { get; init; }
        public string? Assignee { get; init; }
        public string? ClaimedBy { get; init; }
        public DateTimeOffset? DueDate { get; init; }
        public DateTimeOffset DueOrder { get; init; }
        public DateTimeOffset? FollowUpDate { get; init; }
        public int Priority { get; init; }
        public string? FormKey { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string? CustomerName { get; init; }
        public string? RegistrationNumber { get; init; }
        public decimal? RequestedAmount { get; init; }
    }
}
