using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Application.Remediation;

/// <summary>The "Remediation" section: the bounds of a payment plan and the days of its monitoring.</summary>
public sealed class RemediationOptions
{
    public const string Section = "Remediation";

    /// <summary>The most instalments a payment plan may have.</summary>
    [Range(1, 120)]
    public int MaxInstalments { get; set; } = 36;

    /// <summary>The last instalment falls due at most this many days after the plan is sent.</summary>
    [Range(30, 3650)]
    public int MaxPlanDays { get; set; } = 1095;

    /// <summary>Days after an instalment's due day before a missing payment is a default.</summary>
    [Range(0, 60)]
    public int GraceDays { get; set; } = 5;

    /// <summary>The instalment reminder goes this many days before the due day.</summary>
    [Range(0, 60)]
    public int ReminderDaysBefore { get; set; } = 5;
}
