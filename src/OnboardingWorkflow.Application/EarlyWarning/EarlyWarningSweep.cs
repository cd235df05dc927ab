using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Credit.EarlyWarning;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>
/// The daily early warning over every active customer, in keyset batches by customer id. Each
/// batch's inputs are read set-based (<see cref="WarningInputs"/>: one GROUP BY per figure over the
/// batch's id range) and evaluated in memory with the credit library's evaluator. Then, per batch:
/// qualification documents inside the warning window get their renewal case, each in a unit of
/// work of its own (<see cref="QualificationRenewals"/>); and the batch's new alerts with their
/// actions (<see cref="CustomerAlerts"/>), the trend baselines due for renewal and the checkpoint
/// (the run's last customer id) are saved in one unit of work. A stopped run resumes after the
/// checkpoint; the batch it stopped in is evaluated again and finds its renewals done and, having
/// saved nothing of its alerts, raises them once. Alerts are unique per customer, indicator and day,
/// so a second run of the same day adds nothing.
/// </summary>
public sealed class EarlyWarningSweep(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WarningsOptions> options)
{
    public static EarlyWarningEvaluator Evaluator { get; } = new(Cases.CreditPolicySet.Current.EarlyWarning);

    /// <summary>Runs (or resumes) today's run to its end; <paramref name="afterBatch"/> sees the checkpoint after each batch.</summary>
    public async Task<EarlyWarningRun> RunAsync(CancellationToken cancellationToken, Func<EarlyWarningRun, Task>? afterBatch = null, EarlyWarningPhases? phases = null)
    {
        var asOf = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var runId = await OpenRunAsync(asOf, cancellationToken);
        var recipients = await RecipientsAsync(cancellationToken);
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
            var run = await db.Set<EarlyWarningRun>().FirstAsync(r => r.Id == runId, cancellationToken);
            if (run.FinishedAt is not null)
            {
                return run;
            }

            var customers = db.Set<Customer>().AsNoTracking().Where(c => c.Status == CustomerStatus.Active);
            if (run.LastCustomerId is { } after)
            {
                customers = customers.Where(c => c.Id.CompareTo(after) > 0);
            }

            var started = Stopwatch.GetTimestamp();
            var ids = await customers.OrderBy(c => c.Id).Select(c => c.Id).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                run.FinishedAt = clock.GetUtcNow();
                run.Revision++;
                await db.SaveChangesAsync(cancellationToken);
                return run;
            }

            phases?.Add("ids", started);
            started = Stopwatch.GetTimestamp();
            var figures = await WarningInputs.ReadAsync(db, ids, run.AsOf, options.Value, Evaluator.Policy, cancellationToken);
            phases?.Add("read", started);
            started = Stopwatch.GetTimestamp();
            await RenewQualificationsAsync(db, figures.Values, run, cancellationToken);
            await AlertAsync(scope.ServiceProvider, db, ids, figures, run, recipients, cancellationToken);
            phases?.Add("evaluate", started);
            started = Stopwatch.GetTimestamp();
            run.LastCustomerId = ids[^1];
            run.Batches++;
            run.Revision++;
            await db.SaveChangesAsync(cancellationToken);
            phases?.Add("save", started);
            if (afterBatch is not null)
            {
                await afterBatch(run);
            }
        }
    }

    private async Task AlertAsync(IServiceProvider services, OnboardingDbContext db, IReadOnlyList<Guid> ids, IReadOnlyDictionary<Guid, CustomerFigures> figures,
        EarlyWarningRun run, IReadOnlyList<AlertRecipient> recipients, CancellationToken cancellationToken)
    {
        var (first, last) = (ids[0], ids[^1]);
        var since = run.AsOf.AddDays(-options.Value.RepeatAfterDays);
        var recent = (await db.Set<EarlyWarningAlert>().AsNoTracking()
                .Where(a => a.CustomerId.CompareTo(first) >= 0 && a.CustomerId.CompareTo(last) <= 0 && a.RaisedOn > since)
                .Select(a => new RecentAlert(a.CustomerId, a.Indicator, a.Level)).ToListAsync(cancellationToken))
            .ToLookup(a => a.CustomerId);
        var alerts = services.GetRequiredService<CustomerAlerts>();
        var period = options.Value.PeriodDays;
        foreach (var id in ids)
        {
            var f = figures[id];
            var renew = f.Baseline is null || f.Baseline.TakenOn.DayNumber <= run.AsOf.DayNumber - period;
            var comparable = renew ? f.Baseline : null;
            var report = Evaluator.Evaluate(f.Snapshot(run.AsOf, period, comparable));
            run.CustomersEvaluated++;
            if (renew)
            {
                RenewBaseline(db, f.Baseline, id, run.AsOf, report);
            }

            var outcome = await alerts.RaiseAsync(f, report, recent[id], run, Evaluator.Policy, period, comparable, recipients, cancellationToken);
            run.AlertsRaised += outcome.Raised;
            run.ReviewsRequested += outcome.ReviewRequested ? 1 : 0;
            run.HoldsPlaced += outcome.HoldPlaced ? 1 : 0;
        }
    }

    /// <summary>Keeps this period's days beyond terms and collection period for the next period's trend; nothing is kept for a customer who has neither.</summary>
    private static void RenewBaseline(OnboardingDbContext db, EarlyWarningBaseline? stored, Guid customerId, DateOnly asOf, EarlyWarningReport report)
    {
        double? Value(Indicator indicator) => report.Readings.FirstOrDefault(r => r.Indicator == indicator)?.Value;
        var next = new EarlyWarningBaseline
        {
            CustomerId = customerId, TakenOn = asOf, DaysBeyondTerms = Value(Indicator.DaysBeyondTerms), CollectionPeriodDays = Value(Indicator.CollectionPeriodDays),
        };
        if (stored is not null)
        {
            db.Update(next);
        }
        else if (next.DaysBeyondTerms is not null || next.CollectionPeriodDays is not null)
        {
            db.Add(next);
        }
    }

    /// <summary>The batch's qualification documents that expire within the warning window (or have expired), each acted on in its own unit of work.</summary>
    private async Task RenewQualificationsAsync(OnboardingDbContext db, IEnumerable<CustomerFigures> figures, EarlyWarningRun run, CancellationToken cancellationToken)
    {
        var horizon = run.AsOf.AddDays(options.Value.QualificationWarningDays);
        var due = figures.SelectMany(f => f.Qualifications.Where(q => q.ExpiresOn <= horizon).Select(q => (f.CustomerId, Qualification: q))).ToList();
        if (due.Count == 0)
        {
            return;
        }

        var customerIds = due.Select(d => d.CustomerId).Distinct().ToList();
        var types = WarningInputs.QualificationTypes.ToList();
        var documents = await (from d in db.Set<Document>().AsNoTracking()
                               join a in db.Set<OnboardingApplication>() on d.ApplicationId equals a.Id
                               where customerIds.Contains(a.CustomerId) && d.Verification != VerificationState.Rejected && types.Contains(d.Type) && d.ExpiresOn <= horizon
                               select new { a.CustomerId, d.Id, d.Type, d.ExpiresOn }).ToListAsync(cancellationToken);
        var documentIds = documents.Select(d => d.Id).ToList();
        var done = (await db.Set<QualificationRenewal>().AsNoTracking().Where(r => documentIds.Contains(r.DocumentId))
            .Select(r => new { r.DocumentId, r.ExpiresOn, r.ReviewRequestedAt }).ToListAsync(cancellationToken))
            .ToDictionary(r => (r.DocumentId, r.ExpiresOn));
        foreach (var (customerId, qualification) in due)
        {
            var document = documents.Where(d => d.CustomerId == customerId && d.Type == qualification.Type && d.ExpiresOn == qualification.ExpiresOn)
                .OrderBy(d => d.Id).FirstOrDefault();
            if (document is null)
            {
                continue;
            }

            var expiredMandatory = qualification.Mandatory && qualification.ExpiresOn <= run.AsOf;
            if (done.TryGetValue((document.Id, qualification.ExpiresOn), out var row) && !(expiredMandatory && row.ReviewRequestedAt is null))
            {
                continue;
            }

            var step = await InOwnScopeAsync(r => r.RaiseAsync(customerId, document.Id, document.Type, qualification.ExpiresOn, qualification.Mandatory, run.AsOf,
                cancellationToken));
            run.RenewalsStarted += step.Started ? 1 : 0;
            run.ReviewsRequested += step.ReviewRequested ? 1 : 0;
        }
    }

    /// <summary>A conflict means another run acted on the same document at the same moment: it did the work.</summary>
    private async Task<RenewalStep> InOwnScopeAsync(Func<QualificationRenewals, Task<RenewalStep>> step)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await step(scope.ServiceProvider.GetRequiredService<QualificationRenewals>());
        }
        catch (Exception ex) when (ex is ConcurrencyException or DbUpdateException)
        {
            return RenewalStep.None;
        }
    }

    private async Task<Guid> OpenRunAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var unfinished = await db.Set<EarlyWarningRun>().Where(r => r.FinishedAt == null).ToListAsync(cancellationToken);
        var resumed = unfinished.Where(r => r.AsOf == asOf).OrderByDescending(r => r.StartedAt).FirstOrDefault();
        foreach (var stale in unfinished.Where(r => r != resumed))
        {
            // A run of an earlier day that never finished: today's run covers everyone again.
            stale.FinishedAt = clock.GetUtcNow();
            stale.Revision++;
        }

        if (resumed is null)
        {
            resumed = new EarlyWarningRun { Id = Guid.CreateVersion7(), AsOf = asOf, StartedAt = clock.GetUtcNow() };
            db.Add(resumed);
        }

        await db.SaveChangesAsync(cancellationToken);
        return resumed.Id;
    }

    /// <summary>The enabled credit managers and the language each reads.</summary>
    private async Task<IReadOnlyList<AlertRecipient>> RecipientsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var managers = await (from u in db.Users
                              join ur in db.UserRoles on u.Id equals ur.UserId
                              join r in db.Roles on ur.RoleId equals r.Id
                              where r.Name == Roles.CreditManager
                              select u).AsNoTracking().ToListAsync(cancellationToken);
        return managers.Where(u => !u.IsDisabled() && (u.Email ?? u.UserName) is not null)
            .OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new AlertRecipient((u.Email ?? u.UserName)!, Languages.Find(u.PreferredCulture) ?? Languages.Default))
            .ToList();
    }
}
