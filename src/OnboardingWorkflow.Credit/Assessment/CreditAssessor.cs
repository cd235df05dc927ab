using OnboardingWorkflow.Credit.Altman;
using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Credit.Limits;
using OnboardingWorkflow.Credit.Policies;
using OnboardingWorkflow.Credit.Ratios;
using OnboardingWorkflow.Credit.Reviews;
using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Credit.Statements;

namespace OnboardingWorkflow.Credit.Assessment;

/// <summary>Runs one application through ratios, Altman, the scorecard, the limit, the authority matrix and the review cadence.</summary>
public static class CreditAssessor
{
    public const string YearsInBusiness = "yearsInBusiness";

    public static IReadOnlyList<ValidationError> Validate(CreditApplication application)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(application.Customer.Name))
        {
            errors.Add(new("customer.name", "is required"));
        }

        if (application.Customer.FoundedOn is { } founded && founded > application.AsOf)
        {
            errors.Add(new("customer.foundedOn", $"{founded:yyyy-MM-dd} is after asOf {application.AsOf:yyyy-MM-dd}"));
        }

        if (application.Statements is { } statements)
        {
            errors.AddRange(StatementValidator.Validate(statements));
        }

        var request = application.Request;
        if (request.TermsDays < 0)
        {
            errors.Add(new("request.termsDays", $"cannot be negative, was {request.TermsDays}"));
        }

        if (request.RequestedLimit is < 0m)
        {
            errors.Add(new("request.requestedLimit", $"cannot be negative, was {request.RequestedLimit}"));
        }

        if (request.ExpectedMonthlyPurchases is < 0m)
        {
            errors.Add(new("request.expectedMonthlyPurchases", $"cannot be negative, was {request.ExpectedMonthlyPurchases}"));
        }

        if (request.CurrentExposure < 0m)
        {
            errors.Add(new("request.currentExposure", $"cannot be negative, was {request.CurrentExposure}"));
        }

        return errors;
    }

    public static CreditAssessment Assess(CreditApplication application, CreditPolicies policies)
    {
        var errors = Validate(application);
        if (errors.Count > 0)
        {
            throw new CreditInputException(errors);
        }

        var latest = application.Statements?.Latest;
        var ratios = application.Statements is { } s ? RatioAnalyzer.Analyze(s, application.Request.TermsDays) : null;
        var altman = latest is null ? null : AltmanCalculator.ComputeAll(latest);
        var facts = Facts(application, ratios, altman);
        var score = Scorer.Score(policies.Scorecard, facts);
        var rejected = score.Decision == ScoreDecision.Reject;
        var limit = LimitRecommender.Recommend(policies.Limits, application.Request, latest, score.Grade, score.Tier, rejected);

        var routedAmount = application.Request.RequestedLimit ?? limit.RecommendedLimit;
        var exposure = application.Request.CurrentExposure + routedAmount;
        var approval = new AuthorityMatrix(policies.Authority).Requirement(exposure, score.Tier, application.Request.Exception || rejected);
        var nextReview = new ReviewScheduler(policies.Review).NextReview(application.AsOf, score.Tier);

        return new CreditAssessment
        {
            Customer = application.Customer.Name,
            AsOf = application.AsOf,
            Currency = application.Statements?.Currency,
            PolicyVersions = new Dictionary<string, string>
            {
                ["scorecard"] = $"{policies.Scorecard.PolicyId}@{policies.Scorecard.Version}",
                ["limits"] = $"{policies.Limits.PolicyId}@{policies.Limits.Version}",
                ["authority"] = $"{policies.Authority.PolicyId}@{policies.Authority.Version}",
                ["review"] = $"{policies.Review.PolicyId}@{policies.Review.Version}",
            },
            Ratios = ratios,
            Altman = altman,
            Score = score,
            Limit = limit,
            ExposureAfterRequest = exposure,
            Approval = approval,
            NextReview = nextReview,
        };
    }

    /// <summary>
    /// The facts a scorecard can read: every ratio by key, <c>altmanZ</c>/<c>altmanZPrime</c>/<c>altmanZDoublePrime</c>,
    /// years in business, the supplied facts, <c>answer.*</c> for the questionnaire, and raw characteristics (which win).
    /// </summary>
    public static Dictionary<string, FactValue> Facts(CreditApplication application, RatioReport? ratios, IReadOnlyList<AltmanResult>? altman)
    {
        var facts = new Dictionary<string, FactValue>(StringComparer.Ordinal);
        foreach (var ratio in ratios?.Ratios ?? [])
        {
            facts[ratio.Key] = FactValue.Of(ratio.Value);
        }

        foreach (var z in altman ?? [])
        {
            facts["altman" + z.Model] = FactValue.Of(z.Score);
        }

        if (application.Customer.FoundedOn is { } founded)
        {
            facts[YearsInBusiness] = FactValue.Of(Math.Round((application.AsOf.DayNumber - founded.DayNumber) / 365.25, 2));
        }

        foreach (var (key, value) in application.Facts ?? new Dictionary<string, System.Text.Json.JsonElement>())
        {
            facts[key] = FactValue.FromJson(value);
        }

        foreach (var (question, answer) in application.Questionnaire ?? new Dictionary<string, string>())
        {
            facts["answer." + question] = FactValue.Of(answer);
        }

        foreach (var (key, value) in application.Characteristics ?? new Dictionary<string, System.Text.Json.JsonElement>())
        {
            facts[key] = FactValue.FromJson(value);
        }

        return facts;
    }
}
