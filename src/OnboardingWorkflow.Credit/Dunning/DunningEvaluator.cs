namespace OnboardingWorkflow.Credit.Dunning;

/// <summary>
/// Places open invoices on the dunning ladder. A paid invoice leaves it at once; an invoice that
/// skipped levels (nothing was sent while it aged) gets only the highest level's action.
/// </summary>
public sealed class DunningEvaluator
{
    private readonly List<DunningLevel> _levels;

    public DunningEvaluator(DunningPolicy policy)
    {
        Policy = policy;
        _levels = [.. policy.Levels.OrderBy(l => l.DaysPastDue)];
        if (_levels.Count == 0 || _levels[0].DaysPastDue < 1)
        {
            throw new PolicyFormatException($"dunning policy {policy.PolicyId}: levels must exist and start at least 1 day past due");
        }

        for (var i = 1; i < _levels.Count; i++)
        {
            if (_levels[i].DaysPastDue == _levels[i - 1].DaysPastDue || _levels[i].Level <= _levels[i - 1].Level)
            {
                throw new PolicyFormatException($"dunning policy {policy.PolicyId}: level {_levels[i].Level} must come later and be numbered higher than level {_levels[i - 1].Level}");
            }
        }
    }

    public DunningPolicy Policy { get; }

    public DunningLevel? LevelFor(int daysPastDue) => _levels.LastOrDefault(l => daysPastDue >= l.DaysPastDue);

    public InvoiceDunning Evaluate(OpenInvoice invoice, DateOnly asOf)
    {
        var daysPastDue = asOf.DayNumber - invoice.DueDate.DayNumber;
        if (invoice.IsPaid)
        {
            return new(invoice.InvoiceId, Math.Max(daysPastDue, 0), 0, null, null, 0m, false, false, "paid: the dunning sequence stops");
        }

        var level = LevelFor(daysPastDue);
        if (level is null)
        {
            var explanation = daysPastDue <= 0 ? $"not yet overdue (due in {-daysPastDue} day(s))" : $"{daysPastDue} day(s) past due: below the first level";
            return new(invoice.InvoiceId, Math.Max(daysPastDue, 0), 0, null, null, 0m, false, false, explanation);
        }

        var dueNow = level.Level > invoice.LastLevelSent;
        var skipped = _levels.Count(l => l.Level > invoice.LastLevelSent && l.Level < level.Level);
        var text = $"{daysPastDue} day(s) past due: level {level.Level} ({level.Name}) from day {level.DaysPastDue}";
        if (!dueNow)
        {
            text += "; already acted on";
        }
        else if (skipped > 0)
        {
            text += $"; {skipped} lower level(s) skipped";
        }

        return new(invoice.InvoiceId, daysPastDue, level.Level, level.Name, level.Action, dueNow ? level.Fee : 0m, level.CreditHold, dueNow, text);
    }

    public DunningStatus Evaluate(IEnumerable<OpenInvoice> invoices, DateOnly asOf)
    {
        var results = invoices.Select(i => Evaluate(i, asOf)).ToList();
        var due = results.Where(r => r.ActionDueNow).ToList();
        return new DunningStatus(
            asOf,
            results,
            results.Count == 0 ? 0 : results.Max(r => r.Level),
            results.Any(r => r.CreditHold),
            due,
            due.Sum(r => r.Fee));
    }
}
