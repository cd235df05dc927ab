using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Credit.Policies;
using OnboardingWorkflow.Credit.Scoring;

namespace OnboardingWorkflow.Credit.Tests.Authority;

public class AuthorityMatrixFacts
{
    private static readonly AuthorityMatrix Matrix = new(DefaultPolicies.Authority());

    private static readonly Approver Analyst = new("ana", ["creditAnalyst"]);
    private static readonly Approver Manager = new("max", ["creditManager"]);
    private static readonly Approver MemberOne = new("rc1", ["riskCommittee"]);
    private static readonly Approver MemberTwo = new("rc2", ["riskCommittee"]);
    private static readonly Approver MemberThree = new("rc3", ["riskCommittee", "creditManager"]);

    private static ApprovalCase Case(decimal exposure, RiskTier tier = RiskTier.Low, bool exception = false, string maker = "mia") =>
        new() { MakerId = maker, ExposureAfterRequest = exposure, Tier = tier, IsException = exception };

    [Theory]
    [InlineData(100_000, RiskTier.Low, false, "AM-1-ANALYST", "creditAnalyst", 1)]
    [InlineData(100_001, RiskTier.Low, false, "AM-2-MANAGER", "creditManager", 1)]
    [InlineData(50_000, RiskTier.Medium, false, "AM-2-MANAGER", "creditManager", 1)]
    [InlineData(1_000_000, RiskTier.Medium, false, "AM-2-MANAGER", "creditManager", 1)]
    [InlineData(1_000_001, RiskTier.Low, false, "AM-3-COMMITTEE", "riskCommittee", 2)]
    [InlineData(10_000, RiskTier.High, false, "AM-3-COMMITTEE", "riskCommittee", 2)]
    [InlineData(10_000, RiskTier.Low, true, "AM-3-COMMITTEE", "riskCommittee", 2)]
    public void Requirement_FollowsTheDefaultMatrix(decimal exposure, RiskTier tier, bool exception, string rule, string role, int count)
    {
        var requirement = Matrix.Requirement(exposure, tier, exception);

        Assert.Equal(rule, requirement.RuleId);
        Assert.Equal(role, requirement.Role);
        Assert.Equal(count, requirement.Count);
    }

    [Fact]
    public void Requirement_ExplainsTheCommitteeQuorum()
    {
        var requirement = Matrix.Requirement(2_000_000m, RiskTier.Low, false);

        Assert.Equal(3, requirement.CommitteeSize);
        Assert.Contains("2 of 3 members of riskCommittee", requirement.Explanation);
    }

    [Fact]
    public void Check_RefusesSelfApproval_EvenWithTheRightRole()
    {
        var check = Matrix.Check(Case(50_000m, maker: "ana"), Analyst);

        Assert.False(check.Allowed);
        Assert.Equal(ApprovalRefusal.SelfApproval, check.Refusal);
    }

    [Fact]
    public void Check_RefusesASecondApprovalByTheSamePerson()
    {
        var committeeCase = Matrix.Approve(Case(5_000_000m), MemberOne);

        var check = Matrix.Check(committeeCase, MemberOne);

        Assert.Equal(ApprovalRefusal.DuplicateApproval, check.Refusal);
    }

    [Fact]
    public void Check_RefusesAnApproverWithoutTheRequiredRole()
    {
        var check = Matrix.Check(Case(500_000m), Analyst);

        Assert.Equal(ApprovalRefusal.MissingRole, check.Refusal);
        Assert.Contains("creditManager", check.Explanation);
    }

    [Fact]
    public void Check_LetsAHigherRoleStandInForALowerOne()
    {
        Assert.True(Matrix.Check(Case(50_000m), Manager).Allowed);
    }

    [Fact]
    public void Check_RefusesAnApproverAboveTheirPersonalAuthority()
    {
        var juniorAnalyst = Analyst with { UserId = "jun", PersonalLimit = 50_000m };

        var check = Matrix.Check(Case(80_000m), juniorAnalyst);

        Assert.Equal(ApprovalRefusal.AboveAuthority, check.Refusal);
        Assert.Contains("exceeds the authority of jun (50,000)", check.Explanation);
        Assert.True(Matrix.Check(Case(50_000m), juniorAnalyst).Allowed);
    }

    [Fact]
    public void Check_RefusesAnApproverAboveTheirRolesAuthority()
    {
        var byTierOnly = new AuthorityMatrix(DefaultPolicies.Authority() with
        {
            Rules = [new AuthorityRule { Id = "ANY-LOW", Tiers = [RiskTier.Low], Role = "creditAnalyst" }, new AuthorityRule { Id = "REST", Role = "riskCommittee", Count = 2 }],
        });

        var check = byTierOnly.Check(Case(150_000m), Analyst);

        Assert.Equal(ApprovalRefusal.AboveAuthority, check.Refusal);
        Assert.True(byTierOnly.Check(Case(150_000m), Manager).Allowed);
    }

    [Fact]
    public void Approve_CollectsTwoOfThreeCommitteeMembers_ThenRefusesMore()
    {
        var approvalCase = Case(3_000_000m);

        approvalCase = Matrix.Approve(approvalCase, MemberOne);
        Assert.Equal(1, Matrix.Status(approvalCase).Remaining);
        approvalCase = Matrix.Approve(approvalCase, MemberTwo);

        Assert.True(Matrix.Status(approvalCase).IsComplete);
        Assert.Equal(ApprovalRefusal.AlreadyComplete, Matrix.Check(approvalCase, MemberThree).Refusal);
    }

    [Fact]
    public void Approve_ThrowsWithTheRefusal_WhenTheMakerApproves()
    {
        var ex = Assert.Throws<ApprovalRefusedException>(() => Matrix.Approve(Case(3_000_000m, maker: "rc1"), MemberOne));

        Assert.Equal(ApprovalRefusal.SelfApproval, ex.Refusal);
    }

    [Fact]
    public void Eligibility_SaysWhoMayApprove()
    {
        var approvalCase = Matrix.Approve(Case(3_000_000m, maker: "rc3"), MemberOne);

        var checks = Matrix.Eligibility(approvalCase, [Analyst, Manager, MemberOne, MemberTwo, MemberThree]);

        Assert.Equal(["rc2"], checks.Where(c => c.Allowed).Select(c => c.UserId));
        Assert.Equal(
            [ApprovalRefusal.MissingRole, ApprovalRefusal.MissingRole, ApprovalRefusal.DuplicateApproval, ApprovalRefusal.SelfApproval],
            checks.Where(c => !c.Allowed).Select(c => c.Refusal!.Value));
    }

    [Fact]
    public void Parse_Refuses_UndefinedRoles_AndAMatrixWithoutACatchAllRule()
    {
        const string json = """
            { "policyId": "p", "version": "1", "roles": [ { "role": "analyst", "rank": 1 } ],
              "rules": [ { "id": "R1", "maxExposure": 10, "role": "boss" } ] }
            """;

        var ex = Assert.Throws<PolicyFormatException>(() => PolicyDocuments.Authority(json));

        Assert.Contains("role 'boss' is not defined", ex.Message);
        Assert.Contains("the last rule must have no conditions", ex.Message);
    }
}
