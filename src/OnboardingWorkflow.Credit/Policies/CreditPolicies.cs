using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Credit.Dunning;
using OnboardingWorkflow.Credit.EarlyWarning;
using OnboardingWorkflow.Credit.Limits;
using OnboardingWorkflow.Credit.Reviews;
using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Policies;

/// <summary>The set of policy versions one credit decision is taken under.</summary>
public sealed record CreditPolicies(
    ScorecardPolicy Scorecard,
    LimitPolicy Limits,
    AuthorityPolicy Authority,
    ReviewPolicy Review,
    EarlyWarningPolicy EarlyWarning,
    DunningPolicy Dunning);
