using System.Text.Json;
using OnboardingWorkflow.Credit;
using OnboardingWorkflow.Credit.Assessment;

namespace OnboardingWorkflow.Application.Tasks;

/// <summary>
/// Reads the assessment the credit scoring step stores as a score's explanation (a serialized
/// <see cref="CreditAssessment"/>) into the parts an approver looks at.
/// </summary>
public static class ScoreExplanations
{
    /// <summary>The explanation's parts; null when the stored JSON is not an assessment (an older or foreign format).</summary>
    public static ScoreExplanation? Read(JsonElement explanation)
    {
        CreditAssessment? assessment;
        try
        {
            assessment = explanation.Deserialize<CreditAssessment>(CreditJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }

        if (assessment is null)
        {
            return null;
        }

        var score = assessment.Score;
        return new ScoreExplanation(score.BasePoints,
            score.Characteristics.Select(c => new ScorePoints(c.Key, c.Label, c.Value, c.Bin, c.Points)).ToList(),
            score.KnockOuts.Select(k => k.Reason).ToList(),
            assessment.Ratios?.Year,
            assessment.Ratios?.Ratios.Select(r => new RatioLine(r.Key, r.Group.ToString(), r.Value, r.NotComputableReason)).ToList() ?? [],
            assessment.Ratios?.WarningSigns ?? [],
            assessment.Altman?.Select(a => new AltmanLine(a.Model.ToString(), a.Score, a.Zone?.ToString(), a.NotComputableReason)).ToList() ?? [],
            assessment.Approval.Explanation, assessment.Limit.Security.ToString(), assessment.Limit.Acceptable);
    }
}
