using OnboardingWorkflow.Application.Cases;

namespace OnboardingWorkflow.Application.Tasks;

/// <summary>The kind of input a contract field asks for, independent of any UI library.</summary>
public enum TaskFieldKind
{
    Text,
    WholeNumber,
    Number,
    YesNo,
    Date,
    Choice,
}

/// <summary>One allowed value of a choice field, with the label the BPMN gives it.</summary>
public sealed record TaskFieldOption(string Id, string Label);

/// <summary>
/// A field of a task's contract as a form shows it: type, constraints and allowed values, read from
/// the BPMN so the form asks for exactly what the engine will accept. Bounds are typed: numbers in
/// <see cref="Min"/>/<see cref="Max"/>, dates in <see cref="MinDate"/>/<see cref="MaxDate"/>.
/// </summary>
public sealed record TaskField(string Id, string Label, TaskFieldKind Kind, bool Required, bool ReadOnly,
    decimal? Min, decimal? Max, DateOnly? MinDate, DateOnly? MaxDate, int? MinLength, int? MaxLength,
    IReadOnlyList<TaskFieldOption> Options, string? DefaultValue, string? CurrentValue);

/// <summary>The task itself: where it stands, who holds it, and when it is due.</summary>
public sealed record TaskHeader(string Id, string ElementId, string? Name, string ProcessKey, string Status, string? Assignee, string? ClaimedBy,
    DateTimeOffset? ClaimedAt, IReadOnlyList<string> CandidateGroups, IReadOnlyList<string> CandidateUsers, DateTimeOffset? DueDate,
    DateTimeOffset? FollowUpDate, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt, string? EndedBy);

/// <summary>A limit change a limit-change task decides on.</summary>
public sealed record LimitChangeView(Guid Id, Guid CustomerId, string CustomerName, string RegistrationNumber, string Kind, string Status,
    decimal CurrentLimit, decimal? RequestedLimit, decimal? RecommendedLimit, decimal? ApprovedLimit, DateOnly? TemporaryUntil, string Reason,
    string RequestedBy, string? Outcome, DateTimeOffset CreatedAt);

/// <summary>One step of the instance's history: what happened, where, by whom, when, and the comment given.</summary>
public sealed record TaskHistoryEntry(DateTimeOffset Time, string Event, string ElementId, string? ElementName, string? Actor, string? Outcome,
    string? Comment, string? Detail);

/// <summary>One characteristic of the scorecard: the value found, its bin and the points it earned.</summary>
public sealed record ScorePoints(string Key, string? Label, string Value, string Bin, double Points);

/// <summary>
/// A reason the credit library gave, as its code and arguments (statement line names, years, figures) so
/// the reader's language can tell it, and its English <see cref="Text"/>. Assessments stored before codes
/// existed have only the text (<see cref="Code"/> null).
/// </summary>
public sealed record Explained(string? Code, IReadOnlyList<object?> Args, string Text);

/// <summary>A ratio of the latest statements; <see cref="Value"/> is null when it could not be computed, with the reason.</summary>
public sealed record RatioLine(string Key, string Group, double? Value, string? NotComputableReason, Explained? Why = null);

/// <summary>An Altman Z score with its zone, or why there is none.</summary>
public sealed record AltmanLine(string Model, double? Score, string? Zone, string? NotComputableReason, Explained? Why = null);

/// <summary>
/// Why the scoring said what it said, read from the stored assessment: points per characteristic,
/// ratios, Altman Z, warning signs, knock-outs and the approval rule.
/// </summary>
public sealed record ScoreExplanation(double BasePoints, IReadOnlyList<ScorePoints> Characteristics, IReadOnlyList<string> KnockOuts,
    int? RatioYear, IReadOnlyList<RatioLine> Ratios, IReadOnlyList<Explained> WarningSigns, IReadOnlyList<AltmanLine> Altman, string? ApprovalRule,
    string? Security, decimal? Acceptable);

/// <summary>How a document's expiry stands on a day: for highlighting before a decision.</summary>
public enum ExpiryState
{
    NoExpiry,
    Valid,
    ExpiringSoon,
    Expired,
}

/// <summary>
/// Everything the task page shows: the task, its form, its case, the instance's history, and
/// whether the reader may act. <see cref="MayAct"/> only decides what is offered; the use cases
/// check again when the user acts.
/// </summary>
public sealed record TaskView(TaskHeader Task, Guid InstanceId, string? BusinessKey, IReadOnlyList<TaskField> Fields,
    ApplicationDetail? Application, ScoreExplanation? Explanation, LimitChangeView? LimitChange, IReadOnlyList<TaskHistoryEntry> History,
    IReadOnlyList<string> WaitingElements, DateOnly Today, bool MayAct, bool MayClaim)
{
    /// <summary>Documents expiring within this many days are flagged.</summary>
    public const int ExpiryWarningDays = 30;

    public static ExpiryState ExpiryOf(DateOnly? expiresOn, DateOnly today) => expiresOn switch
    {
        null => ExpiryState.NoExpiry,
        { } day when day <= today => ExpiryState.Expired,
        { } day when day <= today.AddDays(ExpiryWarningDays) => ExpiryState.ExpiringSoon,
        _ => ExpiryState.Valid,
    };
}
