namespace OnboardingWorkflow.Web.Localization;

/// <summary>Strings of life after activation (receivables, credit holds, overdue escalation, the receivables upload): <c>CreditText.resx</c> and <c>CreditText.zh-CN.resx</c>.</summary>
public sealed class CreditText;
