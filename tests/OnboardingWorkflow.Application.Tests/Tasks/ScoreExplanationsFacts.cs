using System.Text.Json;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Credit;
using OnboardingWorkflow.Credit.Altman;
using OnboardingWorkflow.Credit.Ratios;
using OnboardingWorkflow.Credit.Statements;

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
        Assert.Equal(["revenue fell 20%"], why.WarningSigns.Select(w => w.Text));
        Assert.All(why.WarningSigns, w => Assert.Null(w.Code));
        Assert.Equal([new AltmanLine("z", null, null, "not listed"), new AltmanLine("zPrime", 4.14, "safe", null)], why.Altman);
        Assert.Equal("rule AM-1-ANALYST: exposure 80,000", why.ApprovalRule);
        Assert.Equal(450_000m, why.Acceptable);
    }

    [Fact]
    public void Reasons_the_library_states_as_codes_keep_their_code_and_figures()
    {
        var year = new FinancialYear
        {
            Year = 2025, TotalAssets = 1_000m, TotalLiabilities = 1_200m, Equity = -200m, CurrentAssets = 300m, CurrentLiabilities = 900m,
            Revenue = 2_000m, NetIncome = -150m, RetainedEarnings = -300m, Ebit = -100m,
        };
        var report = RatioAnalyzer.Analyze(new FinancialStatements { Currency = "CNY", Years = [year] });
        var altman = AltmanCalculator.Compute(year, AltmanModel.Z);
        var stored = $$$"""{"ratios":{{{CreditJson.Serialize(report)}}},"altman":[{{{CreditJson.Serialize(altman)}}}],"score":{"basePoints":500}}""";

        var why = ScoreExplanations.Read(JsonDocument.Parse(stored).RootElement)!;

        var sign = Assert.Single(why.WarningSigns, w => w.Code == Reason.NegativeEquity);
        Assert.Equal([-200.0], sign.Args);
        Assert.Equal(report.Signs.Single(s => s.Code == Reason.NegativeEquity).Text, sign.Text);
        var debtToEquity = why.Ratios.Single(r => r.Key == RatioKeys.DebtToEquity);
        Assert.Equal(Reason.Negative, debtToEquity.Why!.Code);
        Assert.Equal(["equity", -200.0], debtToEquity.Why.Args);
        Assert.Equal(debtToEquity.NotComputableReason, debtToEquity.Why.Text);
        Assert.Equal(Reason.MissingMarketValue, why.Altman.Single().Why!.Code);
    }

    [Fact]
    public void An_explanation_without_a_scorecard_reads_as_none() =>
        Assert.Null(ScoreExplanations.Read(JsonDocument.Parse("""{"note":"legacy"}""").RootElement));
}
