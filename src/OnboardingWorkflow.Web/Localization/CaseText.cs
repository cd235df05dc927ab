namespace OnboardingWorkflow.Web.Localization;

/// <summary>Strings of the application and customer pages: <c>CaseText.resx</c> (English) and <c>CaseText.zh-CN.resx</c> (Simplified Chinese).</summary>
public sealed class CaseText;
