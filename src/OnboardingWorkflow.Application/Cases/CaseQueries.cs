using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Application.Documents;

namespace OnboardingWorkflow.Application.Cases;

/// <summary>Filter and page of the application list; null members do not filter.</summary>
public sealed record ApplicationListQuery
{
    public ApplicationStatus? Status { get; init; }
    public ApplicationStage? Stage { get; init; }
    public string? Maker { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }

    /// <summary>Customer name or registration number, prefix or part.</summary>
    public string? Search { get; init; }

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

/// <summary>
/// Reads of cases for every client: the application list (paged in SQL), an application's file and
/// a customer's credit file. Each applies the ownership rule of <see cref="CaseAccess"/> and records
/// reads of confidential files in the audit trail.
/// </summary>
public sealed class CaseQueries(OnboardingDbContext db, WorkflowEngine engine, CaseAccess access, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public async Task<Page<ApplicationSummary>> ApplicationsAsync(CurrentUser user, ApplicationListQuery query, CancellationToken cancellationToken)
    {
        var rules = new InputRules();
        var search = rules.Text("search", query.Search, 100);
        var maker = rules.Text("maker", query.Maker, 256);
        rules.Paging(query.Page, query.PageSize, MaxPageSize);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        rules.DateWithin("from", query.From, today.AddYears(-50), today.AddYears(1), "the start of the period");
        rules.DateWithin("to", query.To, today.AddYears(-50), today.AddYears(1), "the end of the period");
        if (query.From > query.To)
        {
            rules.Add("to", "must not be before the start of the period");
        }

        rules.ThrowIfAny();

        var rows = from a in db.Set<OnboardingApplication>()
                   join c in db.Set<Customer>() on a.CustomerId equals c.Id
                   select new { a, c };
        if (user.SeesOnlyOwnCases)
        {
            var me = user.Name.Trim().ToLower();
            rows = rows.Where(x => x.a.Maker.ToLower() == me);
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(x => x.a.Status == status);
        }

        if (query.Stage is { } stage)
        {
            rows = rows.Where(x => x.a.Stage == stage);
        }

        if (maker is not null)
        {
            var m = maker.ToLower();
            rows = rows.Where(x => x.a.Maker.ToLower() == m);
        }

        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(x => x.a.CreatedAt >= start);
        }

        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(x => x.a.CreatedAt < end);
        }

        if (search is not null)
        {
            var s = search.ToLower();
            rows = rows.Where(x => x.c.Name.ToLower().Contains(s) || x.c.RegistrationNumber.ToLower().StartsWith(s));
        }

        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderByDescending(x => x.a.CreatedAt).ThenBy(x => x.a.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .AsNoTracking().ToListAsync(cancellationToken);
        return new Page<ApplicationSummary>(page.Select(x => CaseViews.Summary(x.a, x.c)).ToList(), total, query.Page, query.PageSize);
    }

    /// <summary>An application's file; the read is audited.</summary>
    public async Task<ApplicationDetail> ApplicationAsync(CurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        var application = await access.ApplicationAsync(user, id, cancellationToken);
        var detail = await DetailAsync(application, cancellationToken);
        access.AuditRead(user, "application", "Application", id.ToString(), application.CustomerId);
        await db.SaveChangesAsync(cancellationToken);
        return detail;
    }

    /// <summary>An application's file without access check or audit: for the caller that just wrote it.</summary>
    public async Task<ApplicationDetail> DetailAsync(OnboardingApplication a, CancellationToken cancellationToken)
    {
        var customer = await db.Set<Customer>().FindAsync([a.CustomerId], cancellationToken) ?? throw new InvalidOperationException("customer missing");
        var documents = await db.Set<Document>().AsNoTracking().Where(d => d.ApplicationId == a.Id).ToListAsync(cancellationToken);
        var findings = await db.Set<DueDiligenceFinding>().AsNoTracking().Where(f => f.ApplicationId == a.Id).ToListAsync(cancellationToken);
        var statements = await db.Set<FinancialStatementSet>().CountAsync(s => s.ApplicationId == a.Id, cancellationToken);
        var scores = await db.Set<CreditScoreRecord>().AsNoTracking().Where(s => s.ApplicationId == a.Id).ToListAsync(cancellationToken);
        var decisions = await db.Set<CreditDecision>().AsNoTracking().Where(d => d.ApplicationId == a.Id).ToListAsync(cancellationToken);
        var contracts = await db.Set<Contract>().AsNoTracking().Where(c => c.ApplicationId == a.Id).ToListAsync(cancellationToken);
        var tasks = await engine.Options.Instances.QueryTasksAsync(new TaskQuery { BusinessKey = a.Id.ToString() }, cancellationToken);
        var score = scores.OrderByDescending(s => s.ScoredAt).FirstOrDefault();
        var contract = contracts.OrderByDescending(c => c.GeneratedAt).FirstOrDefault();

        return new ApplicationDetail(
            CaseViews.Summary(a, customer), a.RequestedTermsDays, a.ExpectedMonthlyPurchases, a.ApprovedTermsDays, a.CustomerType, a.Outcome,
            documents.OrderBy(d => d.UploadedAt).Select(CaseViews.Document).ToList(),
            DocumentRules.Missing(a, documents).Select(t => t.ToString()).ToList(),
            statements,
            findings.OrderBy(f => f.RecordedAt).Select(CaseViews.Finding).ToList(),
            score is null ? null : CaseViews.Score(score),
            decisions.OrderBy(d => d.DecidedAt).Select(CaseViews.Decision).ToList(),
            tasks.Select(CaseViews.Task).ToList(),
            contract is null ? null : CaseViews.Contract(contract));
    }

    /// <summary>A customer's credit file: profile, limit, terms and the archive; the read is audited.</summary>
    public async Task<CustomerFile> CustomerAsync(CurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        var customer = await access.CustomerAsync(user, id, cancellationToken);
        var applications = await db.Set<OnboardingApplication>().AsNoTracking().Where(a => a.CustomerId == id).ToListAsync(cancellationToken);
        var profile = await db.Set<CreditProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.CustomerId == id, cancellationToken);
        var scores = await db.Set<CreditScoreRecord>().AsNoTracking().Where(s => s.CustomerId == id).ToListAsync(cancellationToken);
        var decisions = await db.Set<CreditDecision>().AsNoTracking().Where(d => d.CustomerId == id).ToListAsync(cancellationToken);
        var contracts = await db.Set<Contract>().AsNoTracking().Where(c => c.CustomerId == id).ToListAsync(cancellationToken);
        var history = await db.Set<CreditLimitRecord>().AsNoTracking().Where(r => r.CustomerId == id).ToListAsync(cancellationToken);
        var changes = await db.Set<LimitChangeRequest>().AsNoTracking().Where(r => r.CustomerId == id).ToListAsync(cancellationToken);
        var applicationIds = applications.Select(a => a.Id).ToList();
        var documents = await db.Set<Document>().AsNoTracking().Where(d => applicationIds.Contains(d.ApplicationId)).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        access.AuditRead(user, "customer", "Customer", id.ToString(), id);
        await db.SaveChangesAsync(cancellationToken);

        return new CustomerFile(customer.Id, customer.Name, customer.RegistrationNumber, customer.Address, customer.FoundedOn, customer.Industry,
            customer.Status.ToString(), customer.CreatedAt, customer.ActivatedAt,
            profile is null ? null : new ProfileInfo(profile.Score, profile.Grade, profile.Tier, profile.CreditLimit, profile.TermsDays, profile.Security,
                profile.NextReview, profile.PolicyVersion, profile.UpdatedAt, profile.TemporaryUntil, profile.LimitAfterTemporary),
            applications.OrderBy(a => a.CreatedAt).Select(a => CaseViews.Summary(a, customer)).ToList(),
            scores.OrderBy(s => s.ScoredAt).Select(CaseViews.Score).ToList(),
            decisions.OrderBy(d => d.DecidedAt).Select(CaseViews.Decision).ToList(),
            contracts.OrderBy(c => c.GeneratedAt).Select(CaseViews.Contract).ToList(),
            history.OrderBy(r => r.EffectiveAt).Select(r => new LimitRecordInfo(r.Source, r.PreviousLimit, r.NewLimit, r.ValidUntil, r.DecidedBy, r.Reason, r.CaseId, r.EffectiveAt)).ToList(),
            changes.OrderBy(r => r.CreatedAt).Select(r => new LimitChangeSummary(r.Id, r.Kind.ToString(), r.Status.ToString(), r.RequestedLimit, r.ApprovedLimit, r.RequestedBy, r.CreatedAt)).ToList(),
            documents.OrderBy(d => d.UploadedAt).Select(d => new CustomerDocumentInfo(d.ApplicationId, CaseViews.Document(d), DocumentExpiry.Of(d.ExpiresOn, today).ToString())).ToList());
    }
}
