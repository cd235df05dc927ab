using OnboardingWorkflow.Credit.EarlyWarning;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>A mandatory-or-not qualification document type of a customer and the latest expiry on file for it.</summary>
public sealed record QualificationOnFile(DocumentType Type, DateOnly ExpiresOn, bool Mandatory);

/// <summary>
/// What the early-warning job read for one customer on one day, in minor units and dates: the
/// inputs of every indicator and the evidence an alert keeps.
/// </summary>
public sealed record CustomerFigures(Guid CustomerId)
{
    public long OpenInvoicesMinor { get; init; }
    public long OpenCreditsMinor { get; init; }
    public long OverdueMinor { get; init; }
    public DateOnly? OldestOverdueDue { get; init; }
    public long PeriodSalesMinor { get; init; }
    public long OrdersThisPeriodMinor { get; init; }
    public long OrdersPreviousPeriodMinor { get; init; }
    public long OpenOrdersMinor { get; init; }
    public decimal? Limit { get; init; }
    public double? Score { get; init; }
    public EarlyWarningBaseline? Baseline { get; init; }
    public IReadOnlyList<string>? DeterioratedRatios { get; init; }
    public int? StatementsYear { get; init; }
    public IReadOnlyList<QualificationOnFile> Qualifications { get; init; } = [];

    public long ExposureMinor => OpenInvoicesMinor - OpenCreditsMinor + OpenOrdersMinor;

    /// <summary>The credit library's snapshot on <paramref name="asOf"/>, with the trend baseline when it is old enough to compare with.</summary>
    public ReceivablesSnapshot Snapshot(DateOnly asOf, int periodDays, EarlyWarningBaseline? comparable)
    {
        int? firstExpiry = null;
        foreach (var q in Qualifications)
        {
            if (q.Mandatory && (firstExpiry is null || q.ExpiresOn.DayNumber < firstExpiry))
            {
                firstExpiry = q.ExpiresOn.DayNumber;
            }
        }

        return new ReceivablesSnapshot
        {
            OpenReceivables = Receivables.Money.FromMinor(OpenInvoicesMinor),
            OverdueReceivables = Receivables.Money.FromMinor(OverdueMinor),
            MaxDaysPastDue = OldestOverdueDue is { } due ? asOf.DayNumber - due.DayNumber : 0,
            PeriodSales = PeriodSalesMinor > 0 ? Receivables.Money.FromMinor(PeriodSalesMinor) : null,
            PeriodDays = periodDays,
            PreviousCollectionPeriodDays = comparable?.CollectionPeriodDays,
            PreviousDaysBeyondTerms = comparable?.DaysBeyondTerms,
            OrdersThisPeriod = Receivables.Money.FromMinor(OrdersThisPeriodMinor),
            OrdersPreviousPeriod = Receivables.Money.FromMinor(OrdersPreviousPeriodMinor),
            Exposure = Receivables.Money.FromMinor(ExposureMinor),
            Limit = Limit,
            CurrentScore = Score,
            DeterioratedRatios = DeterioratedRatios,
            QualificationDaysLeft = firstExpiry - asOf.DayNumber,
        };
    }
}
