using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Authority;

/// <summary>The facts of a case that decide who may approve it, and the approvals given so far.</summary>
public sealed record ApprovalCase
{
    public required string MakerId { get; init; }
    public required decimal ExposureAfterRequest { get; init; }
    public required RiskTier Tier { get; init; }
    public bool IsException { get; init; }
    public IReadOnlyList<string> ApproverIds { get; init; } = [];
}

/// <summary>A person who may be asked to approve, with roles and an optional personal limit below the role's.</summary>
public sealed record Approver(string UserId, IReadOnlyList<string> Roles, decimal? PersonalLimit = null);

/// <summary>Which rule applies and what it asks for.</summary>
public sealed record ApprovalRequirement(string RuleId, string Role, int Count, int? CommitteeSize, string Explanation);

public enum ApprovalRefusal
{
    SelfApproval,
    DuplicateApproval,
    MissingRole,
    AboveAuthority,
    AlreadyComplete,
}

/// <summary>Whether one person may approve a case now, and if not, why.</summary>
public sealed record ApprovalCheck(string UserId, bool Allowed, ApprovalRefusal? Refusal, string Explanation);

/// <summary>Approvals received against those required.</summary>
public sealed record ApprovalStatus(ApprovalRequirement Requirement, int Received, int Remaining)
{
    public bool IsComplete => Remaining == 0;
}

/// <summary>An approval that the authority rules forbid; <see cref="Refusal"/> says which rule.</summary>
public sealed class ApprovalRefusedException(ApprovalRefusal refusal, string message) : Exception(message)
{
    public ApprovalRefusal Refusal { get; } = refusal;
}
