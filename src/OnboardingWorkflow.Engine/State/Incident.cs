namespace OnboardingWorkflow.Engine.State;

/// <summary>A failure at one element; the instance is kept and the element can be retried.</summary>
public sealed class Incident
{
    public required string Id { get; init; }
    public required string ElementId { get; init; }
    public required string TokenId { get; init; }

    /// <summary>A stable code: ExpressionFailed, HandlerFailed, HandlerNotFound, NoOutgoingFlow, UnhandledError, ...</summary>
    public required string Code { get; init; }
    public required string Message { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public Incident Clone() => (Incident)MemberwiseClone();
}
