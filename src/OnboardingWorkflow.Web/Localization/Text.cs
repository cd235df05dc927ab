namespace OnboardingWorkflow.Web.Localization;

/// <summary>The dashboard's strings: <c>Text.resx</c> (English) and <c>Text.zh-CN.resx</c> (Simplified Chinese).</summary>
public sealed class Text;
