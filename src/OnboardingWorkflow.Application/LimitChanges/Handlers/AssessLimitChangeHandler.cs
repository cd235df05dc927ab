using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Credit;
using OnboardingWorkflow.Credit.Assessment;
using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Credit.Limits;
using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Credit.Statements;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.LimitChanges.Handlers;

/// <summary>
/// assessLimitChange: an increase is scored again on the request's fresh statements (else the
/// latest on file), with the current limit as the exposure the recommendation's caps already
/// carry, so the recommendation is the new total the customer can take. Every kind gets its
/// approval level from the authority matrix on the new total; suspensions and reinstatements
/// go to a credit manager at least. Sets approvalLevel, recommendedLimit and, for the committee,
/// committee (its members other than the requester).
/// </summary>
public sealed class AssessLimitChangeHandler(CaseFile cases, LimitChangeRules rules, UserManager<AppUser> users,
    IOptions<OnboardingOptions> options) : IOnboardingTaskHandler
{
    public string Name => "assessLimitChange";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var change = await rules.ChangeAsync(context.BusinessKey, cancellationToken);
        var customer = await cases.CustomerAsync(change.CustomerId, cancellationToken);
        var profile = await cases.Db.Set<CreditProfile>().FirstAsync(p => p.CustomerId == change.CustomerId, cancellationToken);
        var matrix = new AuthorityMatrix(CreditPolicySet.Current.Authority);
        var tier = Enum.Parse<RiskTier>(profile.Tier);
        ApprovalRequirement requirement;
        // The archive entry records the tier the change is routed with; the approval is checked on
        // it again (LimitChangeRules.AssessedTierKey), so the entry's "tier" must stay.
        object data;
        string? policyVersion = null;
        if (change.Kind is LimitChangeKind.Increase or LimitChangeKind.TemporaryIncrease)
        {
            var statements = change.StatementsJson is { } json
                ? CreditJson.Deserialize<FinancialStatements>(json, "statements")
                : await cases.StatementsOnFileAsync(customer.Id, cancellationToken);
            var assessment = CreditAssessor.Assess(new CreditApplication
            {
                Customer = new CustomerInfo { Name = customer.Name, RegistrationNumber = customer.RegistrationNumber, FoundedOn = customer.FoundedOn, Industry = customer.Industry },
                AsOf = DateOnly.FromDateTime(context.Now.UtcDateTime),
                Statements = statements,
                Request = new LimitRequest
                {
                    RequestedLimit = change.RequestedLimit!.Value - change.CurrentLimit,
                    TermsDays = profile.TermsDays,
                    CurrentExposure = change.CurrentLimit,
                    OwnAnnualSales = options.Value.OwnAnnualSales,
                },
            }, CreditPolicySet.Current);
            change.RecommendedLimit = change.CurrentLimit + assessment.Limit.RecommendedLimit;
            tier = assessment.Score.Tier;
            requirement = assessment.Approval;
            policyVersion = string.Join("; ", assessment.PolicyVersions.Select(p => $"{p.Key}={p.Value}"));
            data = new
            {
                score = assessment.Score.Score,
                grade = assessment.Score.Grade.ToString(),
                tier = tier.ToString(),
                change.CurrentLimit,
                change.RequestedLimit,
                change.RecommendedLimit,
                limitSteps = assessment.Limit.Steps,
                approval = requirement,
            };
        }
        else
        {
            change.RecommendedLimit = change.RequestedLimit ?? profile.CreditLimit;
            requirement = matrix.Requirement(change.RecommendedLimit.Value, tier, isException: false);
            data = new { tier = tier.ToString(), change.CurrentLimit, change.RequestedLimit, approval = requirement };
        }

        var level = requirement.Role.ToLowerInvariant() switch
        {
            "creditanalyst" => "analyst",
            "creditmanager" => "manager",
            _ => "committee",
        };
        if (change.Kind is LimitChangeKind.Suspension or LimitChangeKind.Reinstatement && level == "analyst")
        {
            level = "manager";
        }

        context.SetVariable(LimitChangeProcess.Variables.ApprovalLevel, level);
        context.SetVariable(LimitChangeProcess.Variables.RecommendedLimit, change.RecommendedLimit);
        if (level == "committee")
        {
            var members = (await users.GetUsersInRoleAsync(Roles.RiskCommittee))
                .Select(u => u.UserName!)
                .Where(u => !Identities.Same(u, change.RequestedBy))
                .Order(StringComparer.Ordinal)
                .Take(requirement.CommitteeSize ?? 3)
                .ToList();
            context.SetVariable(LimitChangeProcess.Variables.Committee, members);
        }

        change.UpdatedAt = cases.Now;
        cases.Archive(change, context.ElementId, CaseFile.System, DecisionOutcome.Scored, requirement.Explanation, data, policyVersion);
    }
}
