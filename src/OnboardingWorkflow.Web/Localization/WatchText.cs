namespace OnboardingWorkflow.Web.Localization;

/// <summary>Strings of watching customers after activation (early-warning alerts, periodic and triggered reviews): <c>WatchText.resx</c> and <c>WatchText.zh-CN.resx</c>.</summary>
public sealed class WatchText;
