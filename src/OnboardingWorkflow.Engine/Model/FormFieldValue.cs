namespace OnboardingWorkflow.Engine.Model;

/// <summary>One allowed value of an enum field (camunda:value id= name=).</summary>
public sealed record FormFieldValue(string Id, string? Name, SourcePosition Position);
