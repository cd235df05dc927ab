using System.Text.Json;
using OnboardingWorkflow.Application.Tasks;

namespace OnboardingWorkflow.Application.Tests.Tasks;

/// <summary>The stored assessment, as the scoring step writes it, reads into points, ratios, Altman Z and the approval rule.</summary>
public sealed class ScoreExplanationsFacts
{
    private const string Stored = """
        {"customer":"Acme","asOf":"2026-11-30","ratios":{"year":2025,"ratios":[{"key":"currentRatio","group":"solvency","value":3.25,"isComputable":true},
          {"key":"interestCoverage","group":"solvency","notComputableReason":"no interest expense","isComputable":false}],"warningSigns":["revenue fell 20%"]},
         "altman":[{"model":"z","notComputableReason":"not listed","isComputable":false},{"model":"zPrime","score":4.14,"zone":"safe","isComputable":true}],
         "score":{"policyId":"default-scorecard","score":786,"grade":"AAA","tier":"low","basePoints":540,
           "characteristics":[{"key":"currentRatio","label":"Current ratio (CA / CL)","value":"3.25","bin":"[2, +inf)","weight":1,"binPoints":25,"points":25}],
           "knockOuts":[]},
         "limit":{"recommendedLimit":80000,"security":"none","acceptable":450000},
         "approval":{"ruleId":"AM-1-ANALYST","explanation":"rule AM-1-ANALYST: exposure 80,000"}}
        """;

    [Fact]
    public void The_parts_an_approver_weighs_are_read_from_the_stored_assessment()
    {
        var why = ScoreExplanations.Read(JsonDocument.Parse(Stored).RootElement)!;

        Assert.Equal(540, why.BasePoints);
        Assert.Equal([new ScorePoints("currentRatio", "Current ratio (CA / CL)", "3.25", "[2, +inf)", 25)], why.Characteristics);
        Assert.Equal(2025, why.RatioYear);
        Assert.Equal([new RatioLine("currentRatio", "solvency", 3.25, null), new RatioLine("interestCoverage", "solvency", null, "no interest expense")], why.Ratios);
        Assert.Equal(["revenue fell 20%"], why.WarningSigns);
        Assert.Equal([new AltmanLine("z", null, null, "not listed"), new AltmanLine("zPrime", 4.14, "safe", null)], why.Altman);
        Assert.Equal("rule AM-1-ANALYST: exposure 80,000", why.ApprovalRule);
        Assert.Equal(450_000m, why.Acceptable);
    }

    [Fact]
    public void An_explanation_without_a_scorecard_reads_as_none() =>
        Assert.Null(ScoreExplanations.Read(JsonDocument.Parse("""{"note":"legacy"}""").RootElement));
}
