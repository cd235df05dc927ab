namespace OnboardingWorkflow.Web.Components.Bpmn;

/// <summary>How an element changed between two versions; each kind has its colour on the diagram.</summary>
public enum DiagramChange
{
    /// <summary>In the newer version only: green.</summary>
    Added,

    /// <summary>In the older version only: red.</summary>
    Removed,

    /// <summary>In both, with other settings: orange.</summary>
    Changed,
}

/// <summary>An element of a <see cref="BpmnDiagram"/> drawn in the colour of its change.</summary>
public sealed record DiagramMarker(string ElementId, DiagramChange Change)
{
    /// <summary>The CSS class the diagram script puts on the element (css/dashboard.css draws it).</summary>
    public string CssClass => Change switch
    {
        DiagramChange.Added => "owf-diff-added",
        DiagramChange.Removed => "owf-diff-removed",
        _ => "owf-diff-changed",
    };
}
