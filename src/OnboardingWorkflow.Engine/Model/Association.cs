namespace OnboardingWorkflow.Engine.Model;

/// <summary>A BPMN association: a dotted line from one element to another, e.g. from a compensation boundary event to its handler.</summary>
public sealed record Association(string Id, string SourceId, string TargetId, SourcePosition Position);
