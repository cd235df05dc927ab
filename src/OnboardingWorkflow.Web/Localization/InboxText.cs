namespace OnboardingWorkflow.Web.Localization;

/// <summary>Strings of the task inbox: <c>InboxText.resx</c> and <c>InboxText.zh-CN.resx</c>.</summary>
public sealed class InboxText;
