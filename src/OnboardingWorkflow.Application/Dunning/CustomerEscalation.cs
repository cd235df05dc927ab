using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Credit.Dunning;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Dunning;

/// <summary>What the job did for one customer.</summary>
public enum EscalationStep
{
    None,
    Started,
    Raised,
    Cleared,

    /// <summary>The case did not wait for the message (e.g. its promise timer has not fired yet); the next run tries again.</summary>
    NotWaiting,
}

/// <summary>
/// One customer's escalation in one unit of work (a scope of its own): starts the customer's case
/// at its dunning level, or tells the running case that a higher level was reached, or that the
/// overdue is cleared. The case row, the invoices' recorded levels and the instance commit
/// together; the case row's unique customer and its revision make a second job acting on the same
/// customer at the same time fail instead of doubling anything.
/// </summary>
public sealed class CustomerEscalation(WorkflowEngine engine, CaseFile cases)
{
    public static DunningEvaluator Evaluator { get; } = new(Cases.CreditPolicySet.Current.Dunning);

    /// <summary>Invoices due on or before this day have reached the first level on <paramref name="asOf"/>.</summary>
    public static DateOnly OverdueThreshold(DateOnly asOf) => asOf.AddDays(-Evaluator.Policy.Levels.Min(l => l.DaysPastDue));

    /// <summary>Decides without touching anything: the customer's level and what is due for their case.</summary>
    public static EscalationStep Decide(int level, DunningCase? row, DateOnly asOf) => level switch
    {
        <= 0 => EscalationStep.None,
        _ when row is null || row.Status == DunningCaseStatus.Closed => EscalationStep.Started,
        _ when row.IsPaused(asOf) => EscalationStep.None,
        _ when level > row.Level => EscalationStep.Raised,
        _ => EscalationStep.None,
    };

    public async Task<EscalationStep> EscalateAsync(Guid customerId, DateOnly asOf, CancellationToken cancellationToken)
    {
        // A customer in remediation is worked by that case: no new escalation case, no higher level.
        if (await cases.Db.Set<RemediationCase>().AnyAsync(c => c.CustomerId == customerId && c.Stage != RemediationStage.Closed, cancellationToken))
        {
            return EscalationStep.None;
        }

        var threshold = OverdueThreshold(asOf);
        var invoices = await cases.Db.Set<ReceivableItem>()
            .Where(i => i.Kind == ReceivableKind.Invoice && i.IsOpen && i.CustomerId == customerId && i.DueDate <= threshold)
            .ToListAsync(cancellationToken);
        var status = Evaluator.Evaluate(invoices.Select(ToOpenInvoice), asOf);
        var row = await cases.Db.Set<DunningCase>().FirstOrDefaultAsync(c => c.CustomerId == customerId, cancellationToken);
        var step = Decide(status.CustomerLevel, row, asOf);
        if (step == EscalationStep.None)
        {
            return step;
        }

        // The level each invoice reached is recorded with the step that acts on it.
        foreach (var result in status.Invoices.Where(r => r.Level > 0))
        {
            var invoice = invoices.First(i => i.Id.ToString() == result.InvoiceId);
            invoice.DunningLevel = Math.Max(invoice.DunningLevel, result.Level);
        }

        if (step == EscalationStep.Started)
        {
            await StartAsync(customerId, row, status.CustomerLevel, cancellationToken);
            return step;
        }

        row!.Raise(status.CustomerLevel);
        var resumed = await engine.CorrelateMessageAsync(EscalationProcess.Messages.LevelReached, customerId.ToString(),
            new Dictionary<string, object?> { [EscalationProcess.Start.Level] = status.CustomerLevel }, CaseFile.System, cancellationToken);
        return resumed.ResumedInstances.Count > 0 ? step : Discard();
    }

    /// <summary>Tells the customer's running case that nothing is overdue any more; it releases its holds and ends.</summary>
    public async Task<EscalationStep> ClearAsync(Guid customerId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var threshold = OverdueThreshold(asOf);
        var overdue = await cases.Db.Set<ReceivableItem>()
            .AnyAsync(i => i.Kind == ReceivableKind.Invoice && i.IsOpen && i.CustomerId == customerId && i.DueDate <= threshold, cancellationToken);
        var running = await cases.Db.Set<DunningCase>().AnyAsync(c => c.CustomerId == customerId && c.Status == DunningCaseStatus.Running, cancellationToken);
        if (overdue || !running)
        {
            return EscalationStep.None;
        }

        var resumed = await engine.CorrelateMessageAsync(EscalationProcess.Messages.OverdueCleared, customerId.ToString(), null, CaseFile.System, cancellationToken);
        return resumed.ResumedInstances.Count > 0 ? EscalationStep.Cleared : EscalationStep.NotWaiting;
    }

    private async Task StartAsync(Guid customerId, DunningCase? row, int level, CancellationToken cancellationToken)
    {
        var customer = await cases.CustomerAsync(customerId, cancellationToken);
        if (row is null)
        {
            row = DunningCase.For(customerId);
            cases.Db.Add(row);
        }

        row.Open(Guid.CreateVersion7(), level, cases.Now);
        cases.Audit(CaseFile.System, "dunning.opened", "DunningCase", row.InstanceId.ToString(), customerId, $"overdue escalation at level {level}");
        await engine.StartAsync(EscalationProcess.Key, new Dictionary<string, object?>
        {
            [EscalationProcess.Start.CustomerId] = customerId.ToString(),
            [EscalationProcess.Start.Level] = level,
            [EscalationProcess.Start.AccountOwner] = customer.Owner ?? "",
        }, customerId.ToString(), CaseFile.System, row.InstanceId, cancellationToken);
    }

    private EscalationStep Discard()
    {
        cases.Db.ChangeTracker.Clear();
        return EscalationStep.NotWaiting;
    }

    internal static OpenInvoice ToOpenInvoice(ReceivableItem item) =>
        new(item.Id.ToString(), item.DueDate!.Value, Receivables.Money.FromMinor(item.AmountMinor), Receivables.Money.FromMinor(item.OpenMinor), item.DunningLevel);
}
