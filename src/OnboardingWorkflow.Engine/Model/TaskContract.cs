namespace OnboardingWorkflow.Engine.Model;

/// <summary>
/// What the completion of a user task may set: the fields of its camunda:formData. A completion
/// that sends anything else, or a value the field does not allow, is refused before anything moves.
/// </summary>
public sealed class TaskContract
{
    public required IReadOnlyList<FormField> Fields { get; init; }
    public SourcePosition Position { get; init; }

    /// <summary>The field with that id (the first, when the validator has already reported a duplicate).</summary>
    public FormField? Find(string id) => Fields.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.Ordinal));
}
