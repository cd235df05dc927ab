namespace OnboardingWorkflow.Web.Components.Bpmn;

/// <summary>What a badge on a diagram element counts; it picks the badge's colour and corner.</summary>
public enum DiagramOverlayKind
{
    /// <summary>Tokens waiting at the element: blue, bottom-left.</summary>
    Tokens,

    /// <summary>Open incidents at the element: red, bottom-right.</summary>
    Incidents,
}

/// <summary>A small badge drawn on one element of a <see cref="BpmnDiagram"/>, e.g. "2" waiting tokens.</summary>
public sealed record DiagramOverlay(string ElementId, string Text, DiagramOverlayKind Kind);
