using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Cases;

/// <summary>
/// The one rule every approval task follows (onboarding, limit change, review, remediation): an
/// approval must pass the authority matrix's every check (role, maker-checker, no second vote, not
/// beyond the round); a rejection or a return needs the authority only, so it is allowed even when
/// the round is already complete.
/// </summary>
public static class AuthorityDecision
{
    /// <summary>Throws <see cref="ApprovalRefusedException"/> unless <paramref name="user"/> may decide; returns the matrix it checked against.</summary>
    public static AuthorityMatrix EnsureMayDecide(ApprovalCase approvalCase, CurrentUser user, DecisionOutcome outcome)
    {
        var matrix = new AuthorityMatrix(CreditPolicySet.Current.Authority);
        var approving = outcome == DecisionOutcome.Approve;
        var check = matrix.Check(approving ? approvalCase : approvalCase with { ApproverIds = [] }, new Approver(user.Name, user.Roles));
        if (!check.Allowed && !(!approving && check.Refusal == ApprovalRefusal.AlreadyComplete))
        {
            throw new ApprovalRefusedException(check.Refusal!.Value, check.Explanation);
        }

        return matrix;
    }
}
