namespace OnboardingWorkflow.Engine.Stores;

/// <summary>A scheduled timer start event of the latest version of a process.</summary>
public sealed class StartTimer
{
    public required string Id { get; init; }
    public required string ProcessKey { get; init; }
    public required int ProcessVersion { get; init; }
    public required string ElementId { get; init; }
    public required DateTimeOffset DueAt { get; set; }
    public string? CycleInterval { get; set; }
    public int CycleRemaining { get; set; }

    public StartTimer Clone() => (StartTimer)MemberwiseClone();
}
