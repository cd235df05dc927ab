namespace OnboardingWorkflow.Web.Localization;

/// <summary>Strings of the approval-flow pages (flows, designer, versions, diff, migration): <c>DesignText.resx</c> and <c>DesignText.zh-CN.resx</c>.</summary>
public sealed class DesignText;
