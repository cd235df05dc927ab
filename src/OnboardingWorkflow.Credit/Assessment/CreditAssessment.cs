using OnboardingWorkflow.Credit.Altman;
using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Credit.Limits;
using OnboardingWorkflow.Credit.Ratios;
using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Assessment;

/// <summary>The complete, self-explaining outcome of assessing one application.</summary>
public sealed record CreditAssessment
{
    public required string Customer { get; init; }
    public required DateOnly AsOf { get; init; }
    public string? Currency { get; init; }
    public required IReadOnlyDictionary<string, string> PolicyVersions { get; init; }
    public RatioReport? Ratios { get; init; }
    public IReadOnlyList<AltmanResult>? Altman { get; init; }
    public required ScoreResult Score { get; init; }
    public required LimitRecommendation Limit { get; init; }
    public required decimal ExposureAfterRequest { get; init; }
    public required ApprovalRequirement Approval { get; init; }
    public required DateOnly NextReview { get; init; }
}

/// <summary>An application that fails validation; <see cref="Errors"/> names every field at fault.</summary>
public sealed class CreditInputException(IReadOnlyList<Statements.ValidationError> errors)
    : Exception($"invalid application: {string.Join("; ", errors)}")
{
    public IReadOnlyList<Statements.ValidationError> Errors { get; } = errors;
}
