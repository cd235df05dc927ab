namespace OnboardingWorkflow.Web.Localization;

/// <summary>Strings of the operations pages (instances, reports, administration): <c>OpsText.resx</c> and <c>OpsText.zh-CN.resx</c>.</summary>
public sealed class OpsText;
