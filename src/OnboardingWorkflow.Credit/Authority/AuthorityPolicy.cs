using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Authority;

/// <summary>
/// The authority matrix (分级审批): rules checked in order, the first that matches the case's
/// exposure after the request, tier and exception flag says which role must approve and how many.
/// </summary>
public sealed record AuthorityPolicy
{
    public required string PolicyId { get; init; }
    public required string Version { get; init; }
    public required IReadOnlyList<ApproverRole> Roles { get; init; }
    public required IReadOnlyList<AuthorityRule> Rules { get; init; }
}

/// <summary>A role with its rank (a higher rank may stand in for a lower one) and the largest exposure it may approve.</summary>
public sealed record ApproverRole(string Role, int Rank, decimal? MaxExposure = null);

/// <summary>A rule matches when every condition it states holds; an absent condition matches anything.</summary>
public sealed record AuthorityRule
{
    public required string Id { get; init; }
    public decimal? MaxExposure { get; init; }
    public IReadOnlyList<RiskTier>? Tiers { get; init; }

    /// <summary>True: only exception cases; false: only regular cases; absent: both.</summary>
    public bool? Exception { get; init; }

    public required string Role { get; init; }
    public int Count { get; init; } = 1;

    /// <summary>Members of the committee, when the role is a committee (e.g. 2 of 3).</summary>
    public int? CommitteeSize { get; init; }

    public bool Matches(decimal exposure, RiskTier tier, bool exception) =>
        (MaxExposure is null || exposure <= MaxExposure)
        && (Tiers is null || Tiers.Contains(tier))
        && (Exception is null || Exception == exception);
}
