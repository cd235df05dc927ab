using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Credit.Statements;

namespace OnboardingWorkflow.Credit.Limits;

/// <summary>
/// Sizes a limit: capacity is the median of the computable methods (share of tangible net worth,
/// of working capital, of monthly sales) so no single method dominates, but a non-positive
/// tangible net worth allows no unsecured credit at all. The acceptable amount is capacity capped
/// by concentration and the grade maximum; the target (request or need) is granted up to it, and
/// a shortfall is bridged by shorter terms, then by security.
/// </summary>
public static class LimitRecommender
{
    public static LimitRecommendation Recommend(LimitPolicy policy, LimitRequest request, FinancialYear? latest, Grade grade, RiskTier tier, bool rejected = false)
    {
        var steps = new List<LimitStep>();
        var tierTerms = policy.TierTerms.FirstOrDefault(t => t.Tier == tier)
            ?? throw new PolicyFormatException($"limit policy {policy.PolicyId} has no terms for tier {tier}");

        if (rejected)
        {
            steps.Add(new("knock-out", 0m, "a knock-out rule fired: no credit, prepayment only"));
            return new LimitRecommendation { RecommendedLimit = 0m, TermsDays = 0, Security = Security.Prepayment, PrepaymentShare = 1, Acceptable = 0m, Steps = steps };
        }

        var capacity = Capacity(policy, latest, steps);

        decimal? need = null;
        if (request.ExpectedMonthlyPurchases is { } purchases)
        {
            need = purchases * request.TermsDays / 30m;
            steps.Add(new("need", need, $"monthly purchases {purchases:N0} x {request.TermsDays} days / 30"));
        }

        decimal? target = (request.RequestedLimit, need) switch
        {
            ({ } requested, { } n) => Math.Min(requested, n),
            ({ } requested, null) => requested,
            (null, { } n) => n,
            _ => null,
        };
        if (request.RequestedLimit is { } req && need is { } nd && req > nd)
        {
            steps.Add(new("target", target, $"requested {req:N0} exceeds the need {nd:N0}: the need is the target"));
        }
        else
        {
            steps.Add(new("target", target, target is null ? "neither a requested limit nor expected purchases: the acceptable amount is the target" : "the requested limit is the target"));
        }

        var acceptable = capacity ?? 0m;
        if (request.OwnAnnualSales is { } ownSales)
        {
            var cap = ownSales * (decimal)policy.ConcentrationShare;
            steps.Add(new("concentration cap", cap, $"{policy.ConcentrationShare:P1} of our annual sales {ownSales:N0}"));
            acceptable = Math.Min(acceptable, cap);
        }

        var gradeMaximum = policy.GradeMaximums.FirstOrDefault(g => g.Grade == grade)?.Maximum
            ?? throw new PolicyFormatException($"limit policy {policy.PolicyId} has no maximum for grade {grade}");
        steps.Add(new("grade maximum", gradeMaximum, $"grade {grade} allows at most {gradeMaximum:N0}"));
        acceptable = Math.Max(0m, Math.Min(acceptable, gradeMaximum));
        acceptable = RoundDown(acceptable, policy.RoundingUnit);
        steps.Add(new("acceptable", acceptable, "lowest of capacity, concentration cap and grade maximum"));
        if (request.CurrentExposure > 0m)
        {
            // The caps bound the whole exposure to the customer; what is open already uses part of them.
            acceptable = RoundDown(Math.Max(0m, acceptable - request.CurrentExposure), policy.RoundingUnit);
            steps.Add(new("headroom", acceptable, $"current exposure {request.CurrentExposure:N0} already uses part of the acceptable amount"));
        }

        var recommended = RoundDown(Math.Min(target ?? acceptable, acceptable), policy.RoundingUnit);
        var terms = Math.Min(request.TermsDays, tierTerms.MaxTermsDays);
        if (terms < request.TermsDays)
        {
            steps.Add(new("terms", null, $"{Describe(tier)} risk allows at most {tierTerms.MaxTermsDays} days instead of the {request.TermsDays} requested"));
        }

        var security = tierTerms.Security;
        var prepaymentShare = tierTerms.PrepaymentShare;
        decimal? guarantee = null;
        if (target is { } t && t > acceptable)
        {
            var shortfall = t - recommended;
            if (request.ExpectedMonthlyPurchases is { } monthly && monthly > 0m
                && (int)Math.Floor(recommended * 30m / monthly) is var shorter && shorter >= policy.MinimumTermsDays)
            {
                terms = Math.Min(terms, shorter);
                steps.Add(new("shorter terms", null, $"the need exceeds the acceptable amount by {shortfall:N0}: terms cut to {terms} days so purchases fit the limit"));
            }
            else if (recommended == 0m || tier == RiskTier.High)
            {
                security = recommended == 0m ? Security.Prepayment : Security.Guarantee;
                guarantee = recommended == 0m ? null : shortfall;
                prepaymentShare = recommended == 0m ? 1 : prepaymentShare;
                steps.Add(new(security == Security.Prepayment ? "prepayment" : "guarantee", shortfall,
                    security == Security.Prepayment ? "no unsecured credit can be granted: prepayment" : $"a guarantee must cover the {shortfall:N0} above the acceptable amount"));
            }
            else
            {
                security = Security.PartialPrepayment;
                prepaymentShare = Math.Max(prepaymentShare, Math.Round((double)(shortfall / t), 2));
                steps.Add(new("partial prepayment", shortfall, $"prepay {prepaymentShare:P0} of each order to cover the {shortfall:N0} above the acceptable amount"));
            }
        }
        else if (security != Security.None)
        {
            steps.Add(new("security", null, $"{Describe(tier)} risk carries standing security: {security}{(prepaymentShare > 0 ? $" ({prepaymentShare:P0})" : "")}"));
        }

        steps.Add(new("recommended", recommended, $"{recommended:N0} on {terms} days, security {security}"));
        return new LimitRecommendation
        {
            RecommendedLimit = recommended,
            TermsDays = terms,
            Security = security,
            PrepaymentShare = prepaymentShare,
            GuaranteeAmount = guarantee,
            Need = need,
            Capacity = capacity,
            Acceptable = acceptable,
            Steps = steps,
        };
    }

    private static decimal? Capacity(LimitPolicy policy, FinancialYear? year, List<LimitStep> steps)
    {
        if (year is null)
        {
            steps.Add(new("capacity", null, "no financial statements: capacity cannot be established"));
            return null;
        }

        var methods = new List<decimal>();
        if (year.Equity is { } equity)
        {
            var tangible = equity - (year.IntangibleAssets ?? 0m);
            if (tangible <= 0m)
            {
                steps.Add(new("capacity", 0m, $"tangible net worth {tangible:N0} is not positive: no unsecured credit"));
                return 0m;
            }

            var amount = tangible * (decimal)policy.TangibleNetWorthShare;
            methods.Add(amount);
            steps.Add(new("tangible net worth", amount, $"{policy.TangibleNetWorthShare:P0} of tangible net worth {tangible:N0}"));
        }

        if (year.CurrentAssets is { } ca && year.CurrentLiabilities is { } cl)
        {
            var amount = Math.Max(0m, (ca - cl) * (decimal)policy.WorkingCapitalShare);
            methods.Add(amount);
            steps.Add(new("working capital", amount, $"{policy.WorkingCapitalShare:P0} of working capital {ca - cl:N0}"));
        }

        if (year.Revenue is { } revenue)
        {
            var amount = revenue / 12m * (decimal)policy.MonthlySalesShare;
            methods.Add(amount);
            steps.Add(new("monthly sales", amount, $"{policy.MonthlySalesShare:P0} of monthly sales {revenue / 12m:N0}"));
        }

        if (methods.Count == 0)
        {
            steps.Add(new("capacity", null, "equity, working capital and revenue are all missing: capacity cannot be established"));
            return null;
        }

        methods.Sort();
        var median = methods.Count % 2 == 1 ? methods[methods.Count / 2] : (methods[(methods.Count / 2) - 1] + methods[methods.Count / 2]) / 2m;
        steps.Add(new("capacity", median, $"median of {methods.Count} capacity method(s)"));
        return median;
    }

    private static string Describe(RiskTier tier) => tier.ToString().ToLowerInvariant();

    private static decimal RoundDown(decimal amount, decimal unit) => unit <= 0m ? amount : Math.Floor(amount / unit) * unit;
}
