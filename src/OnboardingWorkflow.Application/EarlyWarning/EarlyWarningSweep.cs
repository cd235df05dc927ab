using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
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
/// <para>
/// Concurrency: a reader task (its own DbContext) reads the next batch while this one is evaluated
/// and saved, through a channel that holds one batch, so reading and evaluating share the two cores.
/// It only reads; everything is written, and the checkpoint advanced, in batch order by the writing
/// loop. A batch read ahead reads only customers after the batch being written, which writes nothing
/// about them. When the checkpoint the writer finds is not where its batch starts (another process
/// moved the run), the batches read ahead are dropped and reading starts again from the checkpoint.
/// </para>
/// </summary>
public sealed class EarlyWarningSweep(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WarningsOptions> options)
{
    public static EarlyWarningEvaluator Evaluator { get; } = new(Cases.CreditPolicySet.Current.EarlyWarning);

    /// <summary>One batch as the reader hands it over: the key it starts after, its customers in id order, their figures and their recent alerts.</summary>
    private sealed record WarningBatch(Guid? After, IReadOnlyList<CustomerFigures> Figures, ILookup<Guid, RecentAlert> Recent)
    {
        public Guid Last => Figures[^1].CustomerId;
    }

    /// <summary>Runs (or resumes) today's run to its end; <paramref name="afterBatch"/> sees the checkpoint after each batch.</summary>
    public async Task<EarlyWarningRun> RunAsync(CancellationToken cancellationToken, Func<EarlyWarningRun, Task>? afterBatch = null, EarlyWarningPhases? phases = null)
    {
        var asOf = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var runId = await OpenRunAsync(asOf, cancellationToken);
        var recipients = await RecipientsAsync(cancellationToken);
        var after = await CheckpointAsync(runId, cancellationToken);
        while (true)
        {
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var channel = Channel.CreateBounded<WarningBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
            var reader = Task.Run(() => ReadAheadAsync(channel.Writer, asOf, after, phases, reading.Token), CancellationToken.None);
            try
            {
                Guid? moved = null;
                await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken))
                {
                    // A batch already read is handed over whatever the token says: a stop must not write it.
                    cancellationToken.ThrowIfCancellationRequested();
                    var (run, checkpoint) = await WriteAsync(runId, batch, recipients, phases, cancellationToken);
                    if (run is null)
                    {
                        moved = checkpoint;
                        break;
                    }

                    if (run.FinishedAt is not null)
                    {
                        return run;
                    }

                    after = run.LastCustomerId;
                    if (afterBatch is not null)
                    {
                        await afterBatch(run);
                    }
                }

                if (moved is null)
                {
                    var (finished, checkpoint) = await FinishAsync(runId, after, cancellationToken);
                    if (finished is not null)
                    {
                        return finished;
                    }

                    moved = checkpoint;
                }

                after = moved;
            }
            finally
            {
                await reading.CancelAsync();
                await reader;
            }
        }
    }

    /// <summary>Reads batch after batch from <paramref name="after"/> on into the channel, until no customer is left, the channel is given up, or reading fails (the writer sees the failure).</summary>
    private async Task ReadAheadAsync(ChannelWriter<WarningBatch> writer, DateOnly asOf, Guid? after, EarlyWarningPhases? phases, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                var figures = await WarningInputs.ReadPageAsync(db, after, options.Value.BatchSize, asOf, options.Value, Evaluator.Policy, cancellationToken);
                if (figures.Count == 0)
                {
                    writer.Complete();
                    return;
                }

                var batch = new WarningBatch(after, figures, await RecentAlertsAsync(db, figures[0].CustomerId, figures[^1].CustomerId, asOf, cancellationToken));
                phases?.Add("read", started);
                started = Stopwatch.GetTimestamp();
                await writer.WriteAsync(batch, cancellationToken);
                phases?.Add("read: waiting for the writer", started);
                after = batch.Last;
            }
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }

    /// <summary>
    /// Evaluates and saves one batch with the checkpoint after it, in one unit of work. Null and the
    /// checkpoint found when the run's checkpoint is not where the batch starts; the run as saved otherwise
    /// (or as found, when it has finished meanwhile).
    /// </summary>
    private async Task<(EarlyWarningRun? Run, Guid? Checkpoint)> WriteAsync(Guid runId, WarningBatch batch, IReadOnlyList<AlertRecipient> recipients,
        EarlyWarningPhases? phases, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var run = await db.Set<EarlyWarningRun>().FirstAsync(r => r.Id == runId, cancellationToken);
        if (run.FinishedAt is not null)
        {
            return (run, run.LastCustomerId);
        }

        if (run.LastCustomerId != batch.After)
        {
            return (null, run.LastCustomerId);
        }

        await RenewQualificationsAsync(db, batch.Figures, run, cancellationToken);
        phases?.Add("qualifications", started);
        await AlertAsync(scope.ServiceProvider, db, batch, run, recipients, phases, cancellationToken);
        started = Stopwatch.GetTimestamp();
        run.LastCustomerId = batch.Last;
        run.Batches++;
        run.Revision++;
        await db.SaveChangesAsync(cancellationToken);
        phases?.Add("save", started);
        return (run, run.LastCustomerId);
    }

    /// <summary>Marks the run finished when its checkpoint is where reading ended; else null and the checkpoint found.</summary>
    private async Task<(EarlyWarningRun? Run, Guid? Checkpoint)> FinishAsync(Guid runId, Guid? last, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var run = await db.Set<EarlyWarningRun>().FirstAsync(r => r.Id == runId, cancellationToken);
        if (run.FinishedAt is not null)
        {
            return (run, run.LastCustomerId);
        }

        if (run.LastCustomerId != last)
        {
            return (null, run.LastCustomerId);
        }

        run.FinishedAt = clock.GetUtcNow();
        run.Revision++;
        await db.SaveChangesAsync(cancellationToken);
        return (run, run.LastCustomerId);
    }

    private async Task<Guid?> CheckpointAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        return await db.Set<EarlyWarningRun>().Where(r => r.Id == runId).Select(r => r.LastCustomerId).FirstAsync(cancellationToken);
    }

    /// <summary>The alerts stored for the batch's customers within the repeat window.</summary>
    private async Task<ILookup<Guid, RecentAlert>> RecentAlertsAsync(OnboardingDbContext db, Guid first, Guid last, DateOnly asOf, CancellationToken cancellationToken)
    {
        var since = asOf.AddDays(-options.Value.RepeatAfterDays);
        return (await db.Set<EarlyWarningAlert>().AsNoTracking()
                .Where(a => a.CustomerId.CompareTo(first) >= 0 && a.CustomerId.CompareTo(last) <= 0 && a.RaisedOn > since)
                .Select(a => new RecentAlert(a.CustomerId, a.Indicator, a.Level)).ToListAsync(cancellationToken))
            .ToLookup(a => a.CustomerId);
    }

    /// <summary>
    /// Screens every customer of the batch with the evaluator's level alone; only a customer above
    /// the normal level, or whose trend baseline is due, is evaluated in full (readings, explanations),
    /// as only those store anything. A customer at the normal level raises nothing either way.
    /// </summary>
    private async Task AlertAsync(IServiceProvider services, OnboardingDbContext db, WarningBatch batch, EarlyWarningRun run, IReadOnlyList<AlertRecipient> recipients,
        EarlyWarningPhases? phases, CancellationToken cancellationToken)
    {
        var alerts = services.GetRequiredService<CustomerAlerts>();
        var period = options.Value.PeriodDays;
        var renewBefore = run.AsOf.DayNumber - period;
        var evaluating = 0L;
        var acting = 0L;
        foreach (var f in batch.Figures)
        {
            var started = Stopwatch.GetTimestamp();
            var id = f.CustomerId;
            var renew = f.Baseline is null || f.Baseline.TakenOn.DayNumber <= renewBefore;
            var comparable = renew ? f.Baseline : null;
            var snapshot = f.Snapshot(run.AsOf, period, comparable);
            run.CustomersEvaluated++;
            if (!renew && Evaluator.LevelOf(snapshot) == WarningLevel.Normal)
            {
                evaluating += Stopwatch.GetTimestamp() - started;
                continue;
            }

            var report = Evaluator.Evaluate(snapshot);
            if (renew)
            {
                RenewBaseline(db, f.Baseline, id, run.AsOf, report);
            }

            var raising = Stopwatch.GetTimestamp();
            evaluating += raising - started;
            var outcome = await alerts.RaiseAsync(f, report, batch.Recent[id], run, Evaluator.Policy, period, comparable, recipients, cancellationToken);
            run.AlertsRaised += outcome.Raised;
            run.ReviewsRequested += outcome.ReviewRequested ? 1 : 0;
            run.HoldsPlaced += outcome.HoldPlaced ? 1 : 0;
            acting += Stopwatch.GetTimestamp() - raising;
        }

        phases?.AddTicks("evaluate", evaluating);
        phases?.AddTicks("alert", acting);
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
