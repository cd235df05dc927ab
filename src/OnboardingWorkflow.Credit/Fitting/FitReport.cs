using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Fitting;

/// <summary>The fitted policy and how well it separates goods from bads, on training rows and the hold-out.</summary>
public sealed record FitReport
{
    public required ScorecardPolicy Policy { get; init; }
    public required int TrainingRows { get; init; }
    public required int TrainingBads { get; init; }
    public required int HoldoutRows { get; init; }
    public required int HoldoutBads { get; init; }
    public required double TrainingAuc { get; init; }

    /// <summary>Hold-out figures; null when the fit used every row (hold-out share 0).</summary>
    public double? HoldoutAuc { get; init; }
    public double? HoldoutKs { get; init; }
    public double? HoldoutGini { get; init; }
    public required IReadOnlyList<GradePerformance> GradeTable { get; init; }
    public required IReadOnlyList<CharacteristicSummary> Characteristics { get; init; }
}

/// <summary>Observed and predicted bad rate of one grade on the validation rows.</summary>
public sealed record GradePerformance(Grade Grade, int Rows, int Bads, double BadRate, double MeanPd);

public sealed record CharacteristicSummary(string Key, double InformationValue, double Coefficient, int Bins, bool Selected);
