namespace OnboardingWorkflow.Web.Localization;

/// <summary>The task page's strings: <c>TaskText.resx</c> (English) and <c>TaskText.zh-CN.resx</c> (Simplified Chinese), apart from the shared ones to avoid merge conflicts.</summary>
public sealed class TaskText;
