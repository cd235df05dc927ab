namespace OnboardingWorkflow.Engine.History;

/// <summary>Receives the history events of every committed unit of work, in order.</summary>
public interface IHistorySink
{
    void Append(IReadOnlyList<HistoryEvent> events);
}
