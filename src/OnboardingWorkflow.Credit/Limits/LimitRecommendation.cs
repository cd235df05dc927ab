namespace OnboardingWorkflow.Credit.Limits;

/// <summary>The recommended limit, terms and security, with every step that led there.</summary>
public sealed record LimitRecommendation
{
    public required decimal RecommendedLimit { get; init; }
    public required int TermsDays { get; init; }
    public required Security Security { get; init; }
    public double PrepaymentShare { get; init; }
    public decimal? GuaranteeAmount { get; init; }
    public decimal? Need { get; init; }
    public decimal? Capacity { get; init; }
    public required decimal Acceptable { get; init; }
    public required IReadOnlyList<LimitStep> Steps { get; init; }
}

/// <summary>One step of the limit reasoning; the amount is what the step computed, if anything.</summary>
public sealed record LimitStep(string Step, decimal? Amount, string Explanation);
