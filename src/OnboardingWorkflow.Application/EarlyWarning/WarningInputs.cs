using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Credit.EarlyWarning;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>
/// Reads the inputs of every indicator for one batch of customers, set-based: each figure is one
/// GROUP BY over the batch's range of customer ids (first to last of the keyset batch) on an index
/// that starts with the customer or the kind and the customer, never a query per customer. Only
/// statements submitted within the repeat window are read as JSON (older ones were judged when
/// they arrived); qualifications are the latest expiry per customer and document type.
/// </summary>
public static class WarningInputs
{
    /// <summary>The document types whose expiry is a qualification the job watches; permits and other papers have no type of their own.</summary>
    public static IReadOnlyList<DocumentType> QualificationTypes { get; } = [DocumentType.BusinessLicence, DocumentType.BankReference, DocumentType.LegalRepresentativeId];

    /// <summary>
    /// The next page of active customers after <paramref name="after"/> (in id order, at most
    /// <paramref name="take"/>) with their figures; empty when none is left. The page, each
    /// customer's credit profile and trend baseline, the ledger, orders, statements and
    /// qualifications come in one query each over the page's id range.
    /// </summary>
    public static async Task<IReadOnlyList<CustomerFigures>> ReadPageAsync(OnboardingDbContext db, Guid? after, int take, DateOnly asOf,
        WarningsOptions options, EarlyWarningPolicy policy, CancellationToken cancellationToken)
    {
        var active = db.Set<Customer>().AsNoTracking().Where(c => c.Status == CustomerStatus.Active);
        if (after is { } key)
        {
            active = active.Where(c => c.Id.CompareTo(key) > 0);
        }

        var ids = await active.OrderBy(c => c.Id).Select(c => c.Id).Take(take).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        // The profiles and baselines by the page's id range, like every other figure: joined to the
        // page instead, PostgreSQL hashes the page and scans both tables whole for every batch.
        var (first, last) = (ids[0], ids[^1]);
        var profiles = await db.Set<CreditProfile>().AsNoTracking()
            .Where(p => p.CustomerId.CompareTo(first) >= 0 && p.CustomerId.CompareTo(last) <= 0)
            .Select(p => new { p.CustomerId, p.CreditLimit, p.Score })
            .ToDictionaryAsync(p => p.CustomerId, cancellationToken);
        var baselines = await db.Set<EarlyWarningBaseline>().AsNoTracking()
            .Where(b => b.CustomerId.CompareTo(first) >= 0 && b.CustomerId.CompareTo(last) <= 0)
            .ToDictionaryAsync(b => b.CustomerId, cancellationToken);
        var page = ids.Select(id =>
        {
            var profile = profiles.GetValueOrDefault(id);
            var baseline = baselines.GetValueOrDefault(id);
            return new PageRow(id, profile?.CreditLimit, profile?.Score, baseline?.TakenOn, baseline?.DaysBeyondTerms, baseline?.CollectionPeriodDays);
        }).ToList();

        return await FiguresAsync(db, page, asOf, options, policy, cancellationToken);
    }

    /// <summary>A customer of the page with its profile's limit and score and its baseline, each null when there is none.</summary>
    private sealed record PageRow(Guid Id, decimal? Limit, double? Score, DateOnly? TakenOn, double? DaysBeyondTerms, double? CollectionPeriodDays);

    private static async Task<IReadOnlyList<CustomerFigures>> FiguresAsync(OnboardingDbContext db, List<PageRow> page, DateOnly asOf,
        WarningsOptions options, EarlyWarningPolicy policy, CancellationToken cancellationToken)
    {
        var (first, last) = (page[0].Id, page[^1].Id);
        var thisFrom = asOf.AddDays(1 - options.PeriodDays);
        var previousFrom = asOf.AddDays(1 - 2 * options.PeriodDays);

        var open = await db.Set<ReceivableItem>().AsNoTracking()
            .Where(i => (i.Kind == ReceivableKind.Invoice || i.Kind == ReceivableKind.Payment || i.Kind == ReceivableKind.CreditNote) && i.IsOpen
                && i.CustomerId.CompareTo(first) >= 0 && i.CustomerId.CompareTo(last) <= 0)
            .GroupBy(i => i.CustomerId)
            .Select(g => new
            {
                CustomerId = g.Key,
                Invoices = g.Sum(i => i.Kind == ReceivableKind.Invoice ? i.OpenMinor : 0L),
                Credits = g.Sum(i => i.Kind != ReceivableKind.Invoice ? i.OpenMinor : 0L),
                Overdue = g.Sum(i => i.Kind == ReceivableKind.Invoice && i.DueDate < asOf ? i.OpenMinor : 0L),
                Oldest = g.Min(i => i.Kind == ReceivableKind.Invoice && i.DueDate < asOf ? i.DueDate : null),
            })
            .ToDictionaryAsync(r => r.CustomerId, cancellationToken);

        var sales = await db.Set<ReceivableItem>().AsNoTracking()
            .Where(i => i.Kind == ReceivableKind.Invoice && i.CustomerId.CompareTo(first) >= 0 && i.CustomerId.CompareTo(last) <= 0
                && i.IssueDate >= thisFrom && i.IssueDate <= asOf)
            .GroupBy(i => i.CustomerId)
            .Select(g => new { CustomerId = g.Key, Minor = g.Sum(i => i.AmountMinor) })
            .ToDictionaryAsync(r => r.CustomerId, r => r.Minor, cancellationToken);

        var orders = await db.Set<CustomerOrder>().AsNoTracking()
            .Where(o => o.CustomerId.CompareTo(first) >= 0 && o.CustomerId.CompareTo(last) <= 0 && o.OrderDate >= previousFrom && o.OrderDate <= asOf
                && o.Status != OrderStatus.Cancelled)
            .GroupBy(o => o.CustomerId)
            .Select(g => new
            {
                CustomerId = g.Key,
                This = g.Sum(o => o.OrderDate >= thisFrom ? o.AmountMinor : 0L),
                Previous = g.Sum(o => o.OrderDate < thisFrom ? o.AmountMinor : 0L),
            })
            .ToDictionaryAsync(r => r.CustomerId, cancellationToken);

        var openOrders = await db.Set<CustomerOrder>().AsNoTracking()
            .Where(o => o.Status == OrderStatus.Open && o.CustomerId.CompareTo(first) >= 0 && o.CustomerId.CompareTo(last) <= 0)
            .GroupBy(o => o.CustomerId)
            .Select(g => new { CustomerId = g.Key, Minor = g.Sum(o => o.AmountMinor) })
            .ToDictionaryAsync(r => r.CustomerId, r => r.Minor, cancellationToken);

        var statements = await StatementsAsync(db, first, last, asOf.AddDays(-options.RepeatAfterDays), policy, cancellationToken);
        var qualifications = await QualificationsAsync(db, first, last, cancellationToken);

        var figures = new List<CustomerFigures>(page.Count);
        foreach (var row in page)
        {
            var id = row.Id;
            var ledger = open.GetValueOrDefault(id);
            var ordered = orders.GetValueOrDefault(id);
            var ratios = statements.GetValueOrDefault(id);
            figures.Add(new CustomerFigures(id)
            {
                OpenInvoicesMinor = ledger?.Invoices ?? 0,
                OpenCreditsMinor = ledger?.Credits ?? 0,
                OverdueMinor = ledger?.Overdue ?? 0,
                OldestOverdueDue = ledger?.Oldest,
                PeriodSalesMinor = sales.GetValueOrDefault(id),
                OrdersThisPeriodMinor = ordered?.This ?? 0,
                OrdersPreviousPeriodMinor = ordered?.Previous ?? 0,
                OpenOrdersMinor = openOrders.GetValueOrDefault(id),
                Limit = row.Limit,
                Score = row.Score,
                Baseline = row.TakenOn is { } takenOn
                    ? new EarlyWarningBaseline { CustomerId = id, TakenOn = takenOn, DaysBeyondTerms = row.DaysBeyondTerms, CollectionPeriodDays = row.CollectionPeriodDays }
                    : null,
                DeterioratedRatios = ratios.Deteriorated,
                StatementsYear = ratios.Year,
                Qualifications = qualifications.GetValueOrDefault(id) ?? [],
            });
        }

        return figures;
    }

    /// <summary>The deteriorated ratios of each customer's latest statements, for statements submitted since <paramref name="since"/>.</summary>
    private static async Task<Dictionary<Guid, (IReadOnlyList<string>? Deteriorated, int? Year)>> StatementsAsync(OnboardingDbContext db, Guid first, Guid last,
        DateOnly since, EarlyWarningPolicy policy, CancellationToken cancellationToken)
    {
        var cutoff = new DateTimeOffset(since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var sets = await (from s in db.Set<FinancialStatementSet>().AsNoTracking()
                          join a in db.Set<OnboardingApplication>() on s.ApplicationId equals a.Id
                          where a.CustomerId.CompareTo(first) >= 0 && a.CustomerId.CompareTo(last) <= 0 && s.SubmittedAt >= cutoff
                          select new { a.CustomerId, s.SubmittedAt, s.StatementsJson }).ToListAsync(cancellationToken);
        var result = new Dictionary<Guid, (IReadOnlyList<string>?, int?)>();
        foreach (var latest in sets.GroupBy(s => s.CustomerId).Select(g => g.MaxBy(s => s.SubmittedAt)!))
        {
            var parsed = Credit.CreditJson.Deserialize<Credit.Statements.FinancialStatements>(latest.StatementsJson, "statements");
            result[latest.CustomerId] = (RatioDeterioration.Deteriorated(parsed, policy.RatioDeteriorationShare), parsed.Latest?.Year);
        }

        return result;
    }

    /// <summary>Per customer and watched type: the latest expiry on file, whether any application's checklist makes it mandatory; types with a document that never expires are left out.</summary>
    private static async Task<Dictionary<Guid, IReadOnlyList<QualificationOnFile>>> QualificationsAsync(OnboardingDbContext db, Guid first, Guid last,
        CancellationToken cancellationToken)
    {
        var types = QualificationTypes.ToList();
        var rows = await (from d in db.Set<Document>().AsNoTracking()
                          join a in db.Set<OnboardingApplication>() on d.ApplicationId equals a.Id
                          where a.CustomerId.CompareTo(first) >= 0 && a.CustomerId.CompareTo(last) <= 0
                              && d.Verification != VerificationState.Rejected && types.Contains(d.Type)
                          group d by new { a.CustomerId, d.Type, a.CustomerType } into g
                          select new { g.Key.CustomerId, g.Key.Type, g.Key.CustomerType, Latest = g.Max(d => d.ExpiresOn), OpenEnded = g.Sum(d => d.ExpiresOn == null ? 1 : 0) })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.CustomerId).ToDictionary(c => c.Key, c => (IReadOnlyList<QualificationOnFile>)c.GroupBy(r => r.Type)
            .Where(t => t.Sum(r => r.OpenEnded) == 0 && t.Any(r => r.Latest is not null))
            .Select(t => new QualificationOnFile(t.Key, t.Max(r => r.Latest)!.Value,
                t.Any(r => Onboarding.DocumentChecklist.For(r.CustomerType).Contains(t.Key))))
            .ToList());
    }
}
