using OnboardingWorkflow.Application.EarlyWarning;
using OnboardingWorkflow.Credit.EarlyWarning;

namespace OnboardingWorkflow.Application.Tests.EarlyWarning;

public sealed class CustomerAlertsFacts
{
    private static readonly Guid Customer = Guid.NewGuid();

    private static EarlyWarningReport Report(params (Indicator Indicator, WarningLevel Level)[] readings) =>
        new(readings.Select(r => new IndicatorReading(r.Indicator, 1.0, r.Level, "test", r.Level == WarningLevel.Normal ? null : 0.5)).ToList(),
            readings.Length == 0 ? WarningLevel.Normal : readings.Max(r => r.Level), false);

    [Fact]
    public void NewReadings_LeavesOutNormalReadings_AndThoseAlreadyAlertedAtTheSameLevel()
    {
        var report = Report((Indicator.OverdueRatio, WarningLevel.Warning), (Indicator.LimitUtilisation, WarningLevel.Normal), (Indicator.OrderVolumeSurge, WarningLevel.Alert));

        var fresh = CustomerAlerts.NewReadings(report, [new RecentAlert(Customer, "OverdueRatio", "Warning")]);

        Assert.Equal([Indicator.OrderVolumeSurge], fresh.Select(r => r.Indicator));
    }

    [Fact]
    public void NewReadings_AlertsAgain_WhenAWarningWorsensToAnAlert_ButNotWhenAnAlertEasesToAWarning()
    {
        var worse = CustomerAlerts.NewReadings(Report((Indicator.OverdueRatio, WarningLevel.Alert)), [new RecentAlert(Customer, "OverdueRatio", "Warning")]);
        var eased = CustomerAlerts.NewReadings(Report((Indicator.OverdueRatio, WarningLevel.Warning)), [new RecentAlert(Customer, "OverdueRatio", "Alert")]);

        Assert.Equal([Indicator.OverdueRatio], worse.Select(r => r.Indicator));
        Assert.Empty(eased);
    }

    [Fact]
    public void NewReadings_TellsAnIndicatorApart_FromAnotherAlertedOne()
    {
        var fresh = CustomerAlerts.NewReadings(Report((Indicator.OrderVolumeChange, WarningLevel.Alert)), [new RecentAlert(Customer, "OrderVolumeSurge", "Alert")]);

        Assert.Equal([Indicator.OrderVolumeChange], fresh.Select(r => r.Indicator));
    }
}
