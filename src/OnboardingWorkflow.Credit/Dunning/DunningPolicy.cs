namespace OnboardingWorkflow.Credit.Dunning;

/// <summary>Dunning levels by days past due, each with its action, optional fee and whether it holds the account.</summary>
public sealed record DunningPolicy
{
    public required string PolicyId { get; init; }
    public required string Version { get; init; }
    public required IReadOnlyList<DunningLevel> Levels { get; init; }
}

/// <summary>A level is reached when an invoice is at least <see cref="DaysPastDue"/> days past its due date.</summary>
public sealed record DunningLevel(int Level, string Name, int DaysPastDue, string Action, decimal Fee = 0m, bool CreditHold = false);
