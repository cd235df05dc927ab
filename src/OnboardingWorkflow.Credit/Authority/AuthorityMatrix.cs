using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Authority;

/// <summary>
/// Applies an <see cref="AuthorityPolicy"/>: picks the requirement for a case, tells who may
/// approve, and refuses the maker, a second approval by one person, a missing role, and an
/// approver whose authority is below the exposure.
/// </summary>
public sealed class AuthorityMatrix(AuthorityPolicy policy)
{
    public AuthorityPolicy Policy { get; } = policy;

    public ApprovalRequirement Requirement(decimal exposureAfterRequest, RiskTier tier, bool isException)
    {
        var rule = Policy.Rules.FirstOrDefault(r => r.Matches(exposureAfterRequest, tier, isException))
            ?? throw new PolicyFormatException(
                $"authority policy {Policy.PolicyId}: no rule covers exposure {exposureAfterRequest:N0}, tier {tier}, exception {isException}");
        var quorum = rule.CommitteeSize is { } size ? $"{rule.Count} of {size} members of {rule.Role}" : $"{rule.Count} x {rule.Role}";
        return new ApprovalRequirement(
            rule.Id,
            rule.Role,
            rule.Count,
            rule.CommitteeSize,
            $"rule {rule.Id}: exposure {exposureAfterRequest:N0}, {tier.ToString().ToLowerInvariant()} risk{(isException ? ", exception" : "")} needs {quorum}");
    }

    public ApprovalRequirement Requirement(ApprovalCase approvalCase) =>
        Requirement(approvalCase.ExposureAfterRequest, approvalCase.Tier, approvalCase.IsException);

    public ApprovalStatus Status(ApprovalCase approvalCase)
    {
        var requirement = Requirement(approvalCase);
        var received = approvalCase.ApproverIds.Select(UserIds.Key).Distinct(StringComparer.Ordinal).Count();
        return new ApprovalStatus(requirement, received, Math.Max(0, requirement.Count - received));
    }

    public ApprovalCheck Check(ApprovalCase approvalCase, Approver approver)
    {
        var requirement = Requirement(approvalCase);
        if (UserIds.Same(approver.UserId, approvalCase.MakerId))
        {
            return Refuse(ApprovalRefusal.SelfApproval, $"{approver.UserId} made this case and may not approve it");
        }

        if (approvalCase.ApproverIds.Any(id => UserIds.Same(id, approver.UserId)))
        {
            return Refuse(ApprovalRefusal.DuplicateApproval, $"{approver.UserId} has already approved this case");
        }

        if (Status(approvalCase).IsComplete)
        {
            return Refuse(ApprovalRefusal.AlreadyComplete, $"the case already has the {requirement.Count} approval(s) it needs");
        }

        var required = RoleOf(requirement.Role);
        var qualifying = approver.Roles
            .Select(RoleOfOrNull)
            .Where(r => r is not null && r.Rank >= required.Rank)
            .ToList();
        if (qualifying.Count == 0)
        {
            return Refuse(ApprovalRefusal.MissingRole, $"{approver.UserId} does not hold {requirement.Role} or a higher role");
        }

        var authority = qualifying.Any(r => r!.MaxExposure is null) ? (decimal?)null : qualifying.Max(r => r!.MaxExposure);
        if (approver.PersonalLimit is { } personal)
        {
            authority = authority is null ? personal : Math.Min(authority.Value, personal);
        }

        if (authority is { } limit && approvalCase.ExposureAfterRequest > limit)
        {
            return Refuse(ApprovalRefusal.AboveAuthority, $"exposure {approvalCase.ExposureAfterRequest:N0} exceeds the authority of {approver.UserId} ({limit:N0})");
        }

        return new ApprovalCheck(approver.UserId, true, null, $"{approver.UserId} may approve under rule {requirement.RuleId}");

        ApprovalCheck Refuse(ApprovalRefusal refusal, string why) => new(approver.UserId, false, refusal, why);
    }

    /// <summary>Every candidate with whether they may approve now.</summary>
    public IReadOnlyList<ApprovalCheck> Eligibility(ApprovalCase approvalCase, IEnumerable<Approver> candidates) =>
        candidates.Select(c => Check(approvalCase, c)).ToList();

    /// <summary>Records an approval, or throws <see cref="ApprovalRefusedException"/> naming the rule it breaks.</summary>
    public ApprovalCase Approve(ApprovalCase approvalCase, Approver approver)
    {
        var check = Check(approvalCase, approver);
        if (!check.Allowed)
        {
            throw new ApprovalRefusedException(check.Refusal!.Value, check.Explanation);
        }

        return approvalCase with { ApproverIds = [.. approvalCase.ApproverIds, approver.UserId] };
    }

    private ApproverRole RoleOf(string role) =>
        RoleOfOrNull(role) ?? throw new PolicyFormatException($"authority policy {Policy.PolicyId}: role '{role}' is not defined");

    private ApproverRole? RoleOfOrNull(string role) =>
        Policy.Roles.FirstOrDefault(r => string.Equals(r.Role, role, StringComparison.OrdinalIgnoreCase));
}
