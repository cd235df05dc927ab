namespace OnboardingWorkflow.Data.Domain;

/// <summary>Where a run of the overdue-escalation job stands: first the overdue customers, then the running cases whose overdue is cleared.</summary>
public enum DunningRunPhase
{
    Overdue,
    Cleared,
    Done,
}

/// <summary>
/// One run of the overdue-escalation job, with its checkpoint: the phase and the last customer id
/// of the last batch done. A run that was stopped resumes after that key; every customer's step is
/// idempotent, so the batch it was in when stopped is safe to run again.
/// </summary>
public sealed class DunningRun
{
    public Guid Id { get; set; }

    /// <summary>The day whose levels it computes.</summary>
    public DateOnly AsOf { get; set; }

    public DunningRunPhase Phase { get; set; }
    public Guid? LastCustomerId { get; set; }
    public int Batches { get; set; }
    public int CustomersEvaluated { get; set; }
    public int CasesStarted { get; set; }
    public int LevelsRaised { get; set; }
    public int CasesCleared { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Revision { get; set; }
}
