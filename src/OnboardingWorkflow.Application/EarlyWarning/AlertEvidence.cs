using System.Text.Json;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Credit.EarlyWarning;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>The period an indicator looked at and the figures it was computed from, as an alert keeps them.</summary>
public static class AlertEvidence
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static (DateOnly Start, DateOnly End) Period(Indicator indicator, DateOnly asOf, int periodDays, EarlyWarningBaseline? comparable) => indicator switch
    {
        Indicator.OrderVolumeChange or Indicator.OrderVolumeSurge => (asOf.AddDays(1 - 2 * periodDays), asOf),
        Indicator.CollectionPeriodDays or Indicator.DaysBeyondTerms => (asOf.AddDays(1 - periodDays), asOf),
        Indicator.CollectionPeriodTrend or Indicator.DaysBeyondTermsTrend when comparable is not null => (comparable.TakenOn, asOf),
        _ => (asOf, asOf),
    };

    public static string Figures(Indicator indicator, CustomerFigures f, DateOnly asOf, int periodDays, EarlyWarningBaseline? comparable)
    {
        object figures = indicator switch
        {
            Indicator.OverdueRatio => new { OverdueAmount = Money.FromMinor(f.OverdueMinor), OpenReceivables = Money.FromMinor(f.OpenInvoicesMinor) },
            Indicator.MaxDaysPastDue => new { OldestOverdueDueDate = f.OldestOverdueDue, OverdueAmount = Money.FromMinor(f.OverdueMinor) },
            Indicator.CollectionPeriodDays => new { OpenReceivables = Money.FromMinor(f.OpenInvoicesMinor), PeriodSales = Money.FromMinor(f.PeriodSalesMinor), PeriodDays = periodDays },
            Indicator.CollectionPeriodTrend => new
            {
                OpenReceivables = Money.FromMinor(f.OpenInvoicesMinor), PeriodSales = Money.FromMinor(f.PeriodSalesMinor), PeriodDays = periodDays,
                PreviousCollectionPeriodDays = comparable?.CollectionPeriodDays, BaselineTakenOn = comparable?.TakenOn,
            },
            Indicator.OrderVolumeChange or Indicator.OrderVolumeSurge => new
            {
                OrdersThisPeriod = Money.FromMinor(f.OrdersThisPeriodMinor), ThisPeriodFrom = asOf.AddDays(1 - periodDays), ThisPeriodTo = asOf,
                OrdersPreviousPeriod = Money.FromMinor(f.OrdersPreviousPeriodMinor), PreviousPeriodFrom = asOf.AddDays(1 - 2 * periodDays),
                PreviousPeriodTo = asOf.AddDays(-periodDays),
            },
            Indicator.LimitUtilisation => new
            {
                Exposure = Money.FromMinor(f.ExposureMinor), Limit = f.Limit, OpenInvoices = Money.FromMinor(f.OpenInvoicesMinor),
                UnallocatedCredits = Money.FromMinor(f.OpenCreditsMinor), OpenOrders = Money.FromMinor(f.OpenOrdersMinor),
            },
            Indicator.ScoreChange => new { f.Score },
            Indicator.DaysBeyondTerms => new { OverdueAmount = Money.FromMinor(f.OverdueMinor), PeriodSales = Money.FromMinor(f.PeriodSalesMinor), PeriodDays = periodDays },
            Indicator.DaysBeyondTermsTrend => new
            {
                OverdueAmount = Money.FromMinor(f.OverdueMinor), PeriodSales = Money.FromMinor(f.PeriodSalesMinor), PeriodDays = periodDays,
                PreviousDaysBeyondTerms = comparable?.DaysBeyondTerms, BaselineTakenOn = comparable?.TakenOn,
            },
            Indicator.DeterioratingRatios => new { Ratios = f.DeterioratedRatios, f.StatementsYear },
            Indicator.QualificationDaysLeft => new { Documents = f.Qualifications.Where(q => q.Mandatory).OrderBy(q => q.ExpiresOn).Select(q => new { Type = q.Type.ToString(), q.ExpiresOn }) },
            _ => new { },
        };
        return JsonSerializer.Serialize(figures, Json);
    }
}
