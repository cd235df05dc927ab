namespace OnboardingWorkflow.Web.Localization;

/// <summary>The decision link page's strings: <c>ReviewText.resx</c> (English) and <c>ReviewText.zh-CN.resx</c> (Simplified Chinese).</summary>
public sealed class ReviewText;
