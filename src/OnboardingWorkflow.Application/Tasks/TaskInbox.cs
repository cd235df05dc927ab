using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data;
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
/// task row alone: its candidates as a token key (<see cref="WorkflowTaskEntity.CandidateKey"/>) and
/// a copy of its claim sit on the row. Without a search, a filter is a few disjoint, exact ranges
/// of partial indexes of open tasks (<see cref="Ranges"/>): the tasks claimed by the user, those
/// assigned to them that nobody claimed, and, for each candidate key that names the user or one
/// of their groups, the unassigned tasks of that key. The keys come from the index itself
/// (<see cref="OpenTaskKeys"/>), a seek or two per distinct key. A count is then the sum of the
/// ranges' sizes, read from the indexes alone, and the first page by due date a merge of each
/// range's first rows; testing every open task's key against the user's tokens read a third of
/// the open tasks or more for every count. The statements are EF's, one per range, and a range of
/// many keys the same statement once per key (<see cref="RangeCommands"/>), so their text does not
/// depend on the user and each is prepared (SQLite) or planned (PostgreSQL) once, not at every
/// request. Case data
/// (customer, registration number, requested amount) is instead joined at query time through the
/// task's instance id, which applications and limit changes both record (indexed): only a page of
/// rows is joined, counts without a search never join, and a copy would need the engine's store
/// to know the domain and would go stale when a customer is renamed.
/// </para>
/// <para>
/// A search, and sorts other than by due date ascending, still read the rule as one condition per
/// task (<see cref="Filtered(CurrentUser, InboxFilter, string?, string?)"/>): those reach few tasks
/// or walk another index.
/// </para>
/// <para>
/// What a join per task cannot do fast is a search or a sort by case data over the whole share:
/// those are driven from the case side instead. A search reads the customers it finds from an index
/// of their words (<see cref="CustomerSearchTerm"/>) and reaches their tasks by instance id; a sort
/// by requested amount or customer walks the index of that column on the cases and stops once it
/// has the page (<see cref="ByCaseAsync"/>), unless the share is small enough that joining and
/// sorting it whole is cheaper.
/// </para>
/// </summary>
public sealed class TaskInbox(CaseFile cases, CaseAccess access)
{
    /// <summary>A constant, not a parameter: the inbox indexes are partial, for open tasks, and a planner matches their filter only with the literal.</summary>
    private const string OpenStatus = nameof(UserTaskStatus.Open);

    /// <summary>Words of a search term beyond these are ignored: each one is another index range to intersect.</summary>
    private const int MaxSearchWords = 5;

    /// <summary>Sorting by case data walks the case side only for pages within this many rows of the start.</summary>
    private const int MaxCaseWalk = 1_000;

    /// <summary>
    /// ... and only when the user's share holds at least this many times the rows needed: the walk
    /// reads about (cases / share) index entries per row it keeps, the join reads the whole share.
    /// </summary>
    private const int CaseWalkDensity = 20;

    public async Task<InboxPage> QueryAsync(CurrentUser user, InboxQuery query, CancellationToken cancellationToken)
    {
        int total;
        List<InboxRow> rows;
        if (InboxQuery.SearchTerm(query.Search) is null)
        {
            var ranges = await RangesAsync(user, query.Filter, query.Group, query.OnlyOverdue, cancellationToken);
            total = await CountAsync(ranges, cancellationToken);
            rows = query is { Sort: InboxSort.DueDate, Descending: false }
                ? await DuePageAsync(ranges, query, cancellationToken)
                : await PageAsync(Filtered(user, query), query, total, cancellationToken);
        }
        else
        {
            var tasks = Filtered(user, query);
            total = await tasks.CountAsync(cancellationToken);
            rows = await PageAsync(tasks, query, total, cancellationToken);
        }

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
        var keys = InboxQuery.SearchTerm(search) is null ? await OpenTaskKeys.ListAsync(cases.Db, cancellationToken) : null;
        foreach (var filter in Enum.GetValues<InboxFilter>())
        {
            counts[filter] = keys is null
                ? await CountAsync(user, filter, search, cancellationToken)
                : await CountAsync(Ranges(user, filter, null, false, keys), cancellationToken);
        }

        return new InboxCounts(counts[InboxFilter.Available], counts[InboxFilter.Mine], counts[InboxFilter.MyGroups], counts[InboxFilter.Unclaimed],
            counts[InboxFilter.Overdue], counts[InboxFilter.DueToday], counts[InboxFilter.FollowUp]);
    }

    /// <summary>The count of one filter: a single SQL COUNT (after reading the open tasks' candidate keys, when there is no search).</summary>
    public async Task<int> CountAsync(CurrentUser user, InboxFilter filter, string? search, CancellationToken cancellationToken)
    {
        var term = InboxQuery.SearchTerm(search);
        return term is null
            ? await CountAsync(await RangesAsync(user, filter, null, false, cancellationToken), cancellationToken)
            : await Filtered(user, filter, null, term).CountAsync(cancellationToken);
    }

    /// <summary>The filter's tasks as disjoint index ranges (<see cref="Ranges"/>), after reading the open tasks' candidate keys.</summary>
    private async Task<List<TaskRange>> RangesAsync(CurrentUser user, InboxFilter filter, string? group, bool onlyOverdue, CancellationToken cancellationToken)
    {
        CheckGroup(user, group);
        return Ranges(user, filter, group, onlyOverdue, await OpenTaskKeys.ListAsync(cases.Db, cancellationToken));
    }

    /// <summary>
    /// The open tasks of a filter (the same as <see cref="Filtered(CurrentUser, InboxFilter, string?, string?)"/>
    /// without a search) as disjoint ranges of the inbox indexes, so that the count is the sum of
    /// the ranges' sizes and the first page by due date a merge of their first rows. What the user
    /// may take splits into: claimed by them (any task); assigned to them and claimed by nobody;
    /// and, for each candidate key that offers the task to them or one of their groups
    /// (<paramref name="keys"/> holds every key of the open unassigned tasks), the unassigned
    /// tasks of that key claimed by nobody. A task is in one range only: a task offered to the
    /// user by name and to their group has one key; one assigned to and claimed by them is in the
    /// first range only.
    /// </summary>
    private List<TaskRange> Ranges(CurrentUser user, InboxFilter filter, string? group, bool onlyOverdue, IReadOnlyList<string> keys)
    {
        var name = user.Name;
        var comparison = OpenTaskKeys.Comparison(cases.Db);
        var open = cases.Db.Set<WorkflowTaskEntity>().AsNoTracking().Where(t => t.Status == OpenStatus);
        open = access.VisibleTasks(user, open);
        List<string> Holding(IEnumerable<string> tokens) => keys.Where(k => tokens.Any(token => k.Contains(token, comparison))).ToList();
        var groupTokens = user.Roles.Select(WorkflowTaskEntity.GroupToken).ToList();
        var offered = Holding([WorkflowTaskEntity.UserToken(name), .. groupTokens]);
        var ofMyGroups = Holding(groupTokens);
        var all = keys.ToList();
        if (group is not null)
        {
            var token = WorkflowTaskEntity.GroupToken(group);
            offered = offered.Where(k => k.Contains(token, comparison)).ToList();
            ofMyGroups = ofMyGroups.Where(k => k.Contains(token, comparison)).ToList();
            all = all.Where(k => k.Contains(token, comparison)).ToList();
        }

        var now = cases.Now;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var tomorrow = today.AddDays(1);
        var unclaimed = open.Where(t => t.Assignee == null && t.ClaimedBy == null);
        var claimed = open.Where(t => t.Assignee == null && t.ClaimedBy != null);
        // The claim compared with "" too: the condition of the claims index's filter (WorkflowTaskConfiguration).
        var claimedByMe = open.Where(t => t.ClaimedBy == name && string.Compare(t.ClaimedBy, "") > 0);
        var assignedToMe = open.Where(t => t.Assignee == name && t.ClaimedBy == null);
        List<TaskRange> ranges = filter switch
        {
            InboxFilter.Available or InboxFilter.Overdue or InboxFilter.DueToday when user.IsAuditor => group is null
                ? [new(open)]
                : [new(unclaimed, all), new(claimed, all), new(open.Where(t => t.Assignee != null))],
            InboxFilter.Available or InboxFilter.Overdue or InboxFilter.DueToday => [new(claimedByMe), new(assignedToMe), new(unclaimed, offered)],
            InboxFilter.Mine => [new(claimedByMe), new(assignedToMe), new(open.Where(t => t.Assignee == name && t.ClaimedBy != null && t.ClaimedBy != name))],
            InboxFilter.MyGroups => [new(unclaimed, ofMyGroups), new(claimed, ofMyGroups)],
            InboxFilter.Unclaimed when user.IsAuditor => group is null ? [new(unclaimed, all), new(unclaimed.Where(t => t.CandidateKey == null))] : [new(unclaimed, all)],
            InboxFilter.Unclaimed => [new(unclaimed, offered)],

            // One range: the tasks whose follow-up date has come, each entry saying who may take it.
            InboxFilter.FollowUp when user.IsAuditor => [new(open.Where(t => t.FollowUpDate != null && t.FollowUpDate <= now))],
            InboxFilter.FollowUp => [new(open.Where(t => t.FollowUpDate != null && t.FollowUpDate <= now
                && (t.ClaimedBy == name || (t.Assignee == name && t.ClaimedBy == null) || (t.Assignee == null && t.ClaimedBy == null && offered.Contains(t.CandidateKey!)))))],
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown inbox filter."),
        };

        if (group is not null)
        {
            // The ranges without keys are small (a user's own tasks): their keys are tested one by one.
            var token = WorkflowTaskEntity.GroupToken(group);
            ranges = ranges.Select(r => r.Keys is null ? r with { Tasks = r.Tasks.Where(t => t.CandidateKey!.Contains(token)) } : r).ToList();
        }

        // DueOrder, not DueDate: the index's range; no due date sorts after every date.
        if (filter == InboxFilter.Overdue || onlyOverdue)
        {
            ranges = ranges.Select(r => r with { Tasks = r.Tasks.Where(t => t.DueOrder < now) }).ToList();
        }

        if (filter == InboxFilter.DueToday)
        {
            ranges = ranges.Select(r => r with { Tasks = r.Tasks.Where(t => t.DueOrder >= today && t.DueOrder < tomorrow) }).ToList();
        }

        return ranges.Where(r => r.Keys is not { Count: 0 }).ToList();
    }

    /// <summary>
    /// How many tasks the ranges hold: the sum of one COUNT per range, each read from its index
    /// alone. A range's keys are one list on PostgreSQL (an array parameter: it reads the index once
    /// per key of it) and on SQL Server; on SQLite, whose planner, estimating a list of keys from
    /// the average key, would rather read every open task, each key is counted apart by the same
    /// prepared statement (<see cref="RangeCommands"/>).
    /// </summary>
    private async Task<int> CountAsync(IReadOnlyList<TaskRange> ranges, CancellationToken cancellationToken)
    {
        var perKey = cases.Db is SqliteOnboardingDbContext;
        await using var commands = Commands();
        foreach (var range in ranges)
        {
            var keys = range.Keys;
            if (keys is null)
            {
                commands.AddCount(range.Tasks.Select(t => t.Id));
            }
            else if (perKey)
            {
                commands.AddCountPerKey(range.OfKey().Select(t => t.Id), keys);
            }
            else
            {
                commands.AddCount(range.Tasks.Where(t => keys.Contains(t.CandidateKey!)).Select(t => t.Id));
            }
        }

        return checked((int)(await commands.ReadAsync(r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), cancellationToken)).Sum());
    }

    /// <summary>
    /// A page by due date (none last, then id): the first rows up to the page's end of each range
    /// (of each key of a range), in due order from its index (<see cref="RangeCommands"/>: one
    /// statement per range, the same one for every key); of those, the rows that can be on the page
    /// (the first ones in due order, and any tied with the last of them); then the page, cut and
    /// sorted by the database, with its case data. A union of one branch per key was one statement
    /// instead, but a new one for each count of keys, planned (PostgreSQL) or prepared (SQLite)
    /// at every run. On PostgreSQL the keys' statement is a lateral join over them, written around
    /// EF's statement for one key: EF itself turns a limit per key into a window over the whole
    /// index, which reads it all.
    /// </summary>
    private async Task<List<InboxRow>> DuePageAsync(IReadOnlyList<TaskRange> ranges, InboxQuery query, CancellationToken cancellationToken)
    {
        var reach = query.Page * query.PageSize;
        await using var commands = Commands();
        foreach (var range in ranges)
        {
            if (range.Keys is null)
            {
                commands.Add(First(range.Tasks));
            }
            else
            {
                commands.AddPerKey(First(range.OfKey()), range.Keys);
            }
        }

        var found = await commands.ReadAsync(r => (Order: r.GetValue(r.GetOrdinal(nameof(DueKey.DueOrder))), Id: r.GetString(r.GetOrdinal(nameof(DueKey.Id)))),
            cancellationToken);
        if (found.Count == 0)
        {
            return [];
        }

        // Ties with the last are kept: the database, not this code, orders equal due dates by id (in its collation).
        var last = found.Select(f => f.Order).Order(DueOrderComparer).ElementAt(Math.Min(reach, found.Count) - 1);
        var first = found.Where(f => DueOrderComparer.Compare(f.Order, last) <= 0).Select(f => f.Id).ToList();
        var tasks = cases.Db.Set<WorkflowTaskEntity>().AsNoTracking();
        var ids = tasks.Where(t => first.Contains(t.Id)).OrderBy(t => t.DueOrder).ThenBy(t => t.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(t => t.Id);
        return await Sorted(WithCase(tasks.Where(t => ids.Contains(t.Id))), InboxSort.DueDate, false).ToListAsync(cancellationToken);

        IQueryable<DueKey> First(IQueryable<WorkflowTaskEntity> range) =>
            range.OrderBy(t => t.DueOrder).ThenBy(t => t.Id).Select(t => new DueKey { DueOrder = t.DueOrder, Id = t.Id }).Take(reach);
    }

    /// <summary>
    /// The due order as the database compares the values it returns: SQLite keeps a date as text
    /// and compares it by bytes (ordinal); the others return dates, compared as instants.
    /// </summary>
    private static readonly Comparer<object> DueOrderComparer = Comparer<object>.Create((a, b) =>
        a is string x && b is string y ? string.CompareOrdinal(x, y) : Comparer<object>.Default.Compare(a, b));

    /// <summary>Receives every range statement as sent (the benchmark's plans); null in the product.</summary>
    internal Action<string, IReadOnlyList<DbParameter>>? Sent { get; set; }

    private RangeCommands Commands() => new(cases.Db) { Sent = Sent };

    /// <summary>Open tasks of one index range; with <see cref="Keys"/>, of one range per key (those with that candidate key).</summary>
    private sealed record TaskRange(IQueryable<WorkflowTaskEntity> Tasks, IReadOnlyList<string>? Keys = null)
    {
        /// <summary>
        /// The range of one key, <see cref="RangeCommands.KeyProbe"/>, as a parameter: the
        /// statement that <see cref="RangeCommands"/> runs for each key.
        /// </summary>
        public IQueryable<WorkflowTaskEntity> OfKey()
        {
            var key = RangeCommands.KeyProbe;
            return Tasks.Where(t => t.CandidateKey == key);
        }
    }

    /// <summary>A task's place in the due order.</summary>
    private sealed class DueKey
    {
        public DateTimeOffset DueOrder { get; init; }
        public required string Id { get; init; }
    }

    private static void CheckGroup(CurrentUser user, string? group)
    {
        if (group is not null && !user.IsAuditor && !user.IsInRole(group))
        {
            throw AppException.Forbidden($"{user.Name} is not in the group {group}.");
        }
    }

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
    /// The rule as one condition per task, for searches and the sorts other than by due date; every
    /// condition but the search and the sales ownership rule reads only the task row. Without a
    /// search, <see cref="Ranges"/> holds the same tasks (tests compare the two).
    /// </remarks>
    internal IQueryable<WorkflowTaskEntity> Filtered(CurrentUser user, InboxFilter filter, string? group, string? term)
    {
        var name = user.Name;
        var tasks = cases.Db.Set<WorkflowTaskEntity>().AsNoTracking().Where(t => t.Status == OpenStatus);
        if (!user.IsAuditor)
        {
            // The engine's candidate rule (TaskActions.IsCandidate), plus a claim the user holds.
            tasks = tasks.Where(Or(t => t.Assignee == name || t.ClaimedBy == name, And(t => t.Assignee == null, OfferedTo([WorkflowTaskEntity.UserToken(name),
                .. user.Roles.Select(WorkflowTaskEntity.GroupToken)]))));
        }

        tasks = access.VisibleTasks(user, tasks);
        if (group is not null)
        {
            CheckGroup(user, group);
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

    /// <summary>
    /// The tasks of the customers the term finds (<see cref="Customers"/>), reached from the
    /// customers, not from the tasks: matching customers (a range of the search-term index), their
    /// applications and limit changes (by customer id), then their open tasks (by instance id and
    /// status). Testing each of the user's open tasks against the customer instead read the
    /// user's whole share for every search and every count.
    /// </summary>
    private IQueryable<WorkflowTaskEntity> Search(IQueryable<WorkflowTaskEntity> tasks, string term)
    {
        var db = cases.Db;
        var customers = Customers(term);
        var instances = db.Set<OnboardingApplication>().Where(a => customers.Contains(a.CustomerId)).Select(a => a.InstanceId)
            .Concat(db.Set<LimitChangeRequest>().Where(l => customers.Contains(l.CustomerId)).Select(l => l.InstanceId));
        return tasks.Where(t => instances.Contains((Guid?)t.InstanceId));
    }

    /// <summary>
    /// The customers a search term finds: every word of the term starts a word of the customer's
    /// name or its registration number; or the term, without spaces and punctuation, starts the
    /// registration number (or a word). Ignoring case. See <see cref="CustomerSearchTerm"/> for
    /// what the words of a name are.
    /// </summary>
    internal IQueryable<Guid> Customers(string term)
    {
        var all = cases.Db.Set<CustomerSearchTerm>();
        var words = CustomerSearchTerm.Words(term).Take(MaxSearchWords).Select(CustomerSearchTerm.Cut).Distinct().ToList();
        if (words.Count == 0)
        {
            return all.Where(t => false).Select(t => t.CustomerId);
        }

        var first = words[0];
        var firstEnd = CustomerSearchTerm.UpperBound(first);
        var found = all.Where(t => string.Compare(t.Term, first) >= 0 && string.Compare(t.Term, firstEnd) < 0).Select(t => t.CustomerId);
        foreach (var word in words.Skip(1))
        {
            var end = CustomerSearchTerm.UpperBound(word);
            found = found.Where(id => all.Any(t => t.CustomerId == id && string.Compare(t.Term, word) >= 0 && string.Compare(t.Term, end) < 0));
        }

        var compact = CustomerSearchTerm.Cut(CustomerSearchTerm.Compact(term));
        if (compact != first)
        {
            var compactEnd = CustomerSearchTerm.UpperBound(compact);
            found = found.Concat(all.Where(t => string.Compare(t.Term, compact) >= 0 && string.Compare(t.Term, compactEnd) < 0).Select(t => t.CustomerId));
        }

        return found;
    }

    /// <summary>The page's rows, sorted: by case data from the case side when that is cheaper (<see cref="ByCaseAsync"/>), else joined and sorted whole.</summary>
    private async Task<List<InboxRow>> PageAsync(IQueryable<WorkflowTaskEntity> tasks, InboxQuery query, int total, CancellationToken cancellationToken)
    {
        if (SortsFromCases(query, total))
        {
            var ids = await ByCaseAsync(tasks, query.Sort, query.Descending, query.Page * query.PageSize, cancellationToken);
            tasks = tasks.Where(t => ids.Contains(t.Id));
        }

        return await PageRows(tasks, query).ToListAsync(cancellationToken);
    }

    /// <summary>Whether the page is sorted by case data from the case side: a sort by case data, near the start of a large share.</summary>
    internal static bool SortsFromCases(InboxQuery query, int total)
    {
        var reach = query.Page * query.PageSize;
        return query.Sort is InboxSort.RequestedAmount or InboxSort.Customer && reach <= MaxCaseWalk && total >= reach * CaseWalkDensity;
    }

    /// <summary>
    /// The ids of the first <paramref name="reach"/> tasks in the order of a case column, a
    /// superset of them at most three times as large, which <see cref="PageRows"/> then sorts and
    /// pages exactly (in the database's own collation, so the two never disagree). Each branch walks
    /// an index of the case column (requested amount, customer name) and looks up the case's open
    /// tasks by instance id, stopping after <paramref name="reach"/> rows: applications, limit
    /// changes, and only when both run out the tasks without a case, which sort last.
    /// </summary>
    private async Task<List<string>> ByCaseAsync(IQueryable<WorkflowTaskEntity> tasks, InboxSort sort, bool descending, int reach, CancellationToken cancellationToken)
    {
        var db = cases.Db;
        var applications = db.Set<OnboardingApplication>();
        var changes = db.Set<LimitChangeRequest>();
        var customers = db.Set<Customer>();
        var ids = new List<string>();

        // Written as cross joins on purpose: SQLite keeps the tables of a CROSS JOIN in the order
        // written, so the walk starts from the sorted case index; its planner otherwise prefers to
        // read the whole share and sort it. The other databases plan a cross join with a WHERE as
        // an inner join.
        if (sort == InboxSort.RequestedAmount && db is SqliteOnboardingDbContext)
        {
            // SQLite keeps decimals as text: its index is on the amount as a number (see the migration).
            ids.AddRange(await Take(from a in applications from t in tasks where a.InstanceId == t.InstanceId select new CaseKey<double> { Key = (double)a.RequestedLimit, Id = t.Id }));
            ids.AddRange(await Take(from l in changes.Where(l => l.RequestedLimit != null) from t in tasks where l.InstanceId == t.InstanceId
                                    select new CaseKey<double> { Key = (double)l.RequestedLimit!.Value, Id = t.Id }));
        }
        else if (sort == InboxSort.RequestedAmount)
        {
            ids.AddRange(await Take(from a in applications from t in tasks where a.InstanceId == t.InstanceId select new CaseKey<decimal> { Key = a.RequestedLimit, Id = t.Id }));
            ids.AddRange(await Take(from l in changes.Where(l => l.RequestedLimit != null) from t in tasks where l.InstanceId == t.InstanceId
                                    select new CaseKey<decimal> { Key = l.RequestedLimit!.Value, Id = t.Id }));
        }
        else
        {
            ids.AddRange(await Take(from c in customers from a in applications where c.Id == a.CustomerId from t in tasks where a.InstanceId == t.InstanceId
                                    select new CaseKey<string> { Key = c.Name, Id = t.Id }));
            ids.AddRange(await Take(from c in customers from l in changes where c.Id == l.CustomerId from t in tasks where l.InstanceId == t.InstanceId
                                    select new CaseKey<string> { Key = c.Name, Id = t.Id }));
        }

        if (ids.Count < reach)
        {
            // Every task with a value is in; the rest of the reach are tasks without one (no case, or a
            // limit change without an amount), which sort last, by id.
            var amountless = sort == InboxSort.RequestedAmount;
            var caseless = tasks.Where(t => !applications.Any(a => a.InstanceId == t.InstanceId)
                && !changes.Any(l => l.InstanceId == t.InstanceId && (!amountless || l.RequestedLimit != null)));
            ids.AddRange(await (descending ? caseless.OrderByDescending(t => t.Id) : caseless.OrderBy(t => t.Id)).Select(t => t.Id).Take(reach - ids.Count).ToListAsync(cancellationToken));
        }

        return ids;

        Task<List<string>> Take<TKey>(IQueryable<CaseKey<TKey>> rows) =>
            (descending ? rows.OrderByDescending(r => r.Key).ThenByDescending(r => r.Id) : rows.OrderBy(r => r.Key).ThenBy(r => r.Id))
            .Select(r => r.Id).Take(reach).ToListAsync(cancellationToken);
    }

    /// <summary>A task's id beside the case column it is sorted by.</summary>
    private sealed class CaseKey<TKey>
    {
        public required TKey Key { get; init; }
        public required string Id { get; init; }
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
