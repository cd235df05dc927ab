namespace OnboardingWorkflow.Web.Localization;

/// <summary>Strings of the BPMN diagram component: <c>DiagramText.resx</c> (English) and <c>DiagramText.zh-CN.resx</c> (Simplified Chinese).</summary>
public sealed class DiagramText;
