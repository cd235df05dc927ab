namespace OnboardingWorkflow.Engine.Model;

/// <summary>One camunda:constraint of a form field, as written; <see cref="FieldRules"/> gives it meaning.</summary>
public sealed record FieldConstraint(string Name, string? Config, SourcePosition Position);
