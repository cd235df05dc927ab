using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Credit;
using OnboardingWorkflow.Credit.Assessment;
using OnboardingWorkflow.Credit.Limits;
using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Credit.Statements;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Onboarding.Handlers;

/// <summary>
/// creditScoring: runs the credit library on the case (statements, findings, questionnaire) and
/// sets <c>scoring</c>, <c>approvalLevel</c> (from the authority matrix) and, for the committee
/// level, <c>committee</c>: members of RiskCommittee other than the maker. The assessment with its
/// explanation and policy versions goes to the archive.
/// </summary>
public sealed class CreditScoringHandler(CaseFile cases, UserManager<AppUser> users, IOptions<OnboardingOptions> options) : IOnboardingTaskHandler
{
    public string Name => "creditScoring";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var application = await cases.ApplicationAsync(context.BusinessKey, cancellationToken);
        var customer = await cases.CustomerAsync(application.CustomerId, cancellationToken);
        var statementsJson = await cases.Db.Set<FinancialStatementSet>().Where(s => s.ApplicationId == application.Id)
            .Select(s => new { s.SubmittedAt, s.StatementsJson }).ToListAsync(cancellationToken);
        var latestStatements = statementsJson.OrderByDescending(s => s.SubmittedAt).FirstOrDefault()?.StatementsJson;
        var findings = await cases.Db.Set<DueDiligenceFinding>().Where(f => f.ApplicationId == application.Id).Select(f => f.Kind).ToListAsync(cancellationToken);

        var facts = new Dictionary<string, JsonElement>
        {
            ["litigationCount"] = JsonSerializer.SerializeToElement(findings.Count(k => k == FindingKind.Litigation)),
            ["penaltyCount"] = JsonSerializer.SerializeToElement(findings.Count(k => k == FindingKind.AdministrativePenalty)),
            ["onNegativeList"] = JsonSerializer.SerializeToElement(findings.Contains(FindingKind.NegativeListHit)),
        };
        foreach (var flag in new[] { OnboardingProcess.Fields.InBankruptcy, OnboardingProcess.Fields.ForgedDocuments })
        {
            if (context.TryGetVariable(flag, out var value) && value is bool b)
            {
                facts[flag] = JsonSerializer.SerializeToElement(b);
            }
        }

        var assessment = CreditAssessor.Assess(new CreditApplication
        {
            Customer = new CustomerInfo { Name = customer.Name, RegistrationNumber = customer.RegistrationNumber, FoundedOn = customer.FoundedOn, Industry = customer.Industry },
            AsOf = DateOnly.FromDateTime(context.Now.UtcDateTime),
            Statements = latestStatements is null ? null : CreditJson.Deserialize<FinancialStatements>(latestStatements, "statements"),
            Facts = facts,
            Questionnaire = Questionnaire(context),
            Request = new LimitRequest
            {
                RequestedLimit = application.RequestedLimit,
                TermsDays = application.RequestedTermsDays,
                ExpectedMonthlyPurchases = application.ExpectedMonthlyPurchases,
                OwnAnnualSales = options.Value.OwnAnnualSales,
            },
        }, CreditPolicySet.Current);

        var score = assessment.Score;
        var knockedOut = score.Decision == ScoreDecision.Reject;
        var policyVersion = string.Join("; ", assessment.PolicyVersions.Select(p => $"{p.Key}={p.Value}"));
        var level = assessment.Approval.Role.ToLowerInvariant() switch
        {
            "creditanalyst" => "analyst",
            "creditmanager" => "manager",
            _ => "committee",
        };

        context.SetVariable(OnboardingProcess.Variables.Scoring, new Dictionary<string, object?>
        {
            ["knockedOut"] = knockedOut,
            ["reasons"] = score.KnockOuts.Select(k => k.Reason).ToList(),
            ["score"] = Math.Round(score.Score, 1),
            ["grade"] = score.Grade.ToString(),
            ["tier"] = score.Tier.ToString().ToLowerInvariant(),
            ["recommendedLimit"] = assessment.Limit.RecommendedLimit,
            ["termsDays"] = assessment.Limit.TermsDays,
        });
        context.SetVariable(OnboardingProcess.Variables.ApprovalLevel, level);
        context.SetVariable(OnboardingProcess.Variables.ApprovalRule, assessment.Approval.Explanation);
        if (!knockedOut && level == "committee")
        {
            var members = (await users.GetUsersInRoleAsync(Roles.RiskCommittee))
                .Select(u => u.UserName!)
                .Where(u => !string.Equals(u, application.Maker, StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .Take(assessment.Approval.CommitteeSize ?? 3)
                .ToList();
            context.SetVariable(OnboardingProcess.Variables.Committee, members);
        }

        cases.Db.Set<CreditScoreRecord>().Add(new CreditScoreRecord
        {
            Id = Guid.NewGuid(),
            ApplicationId = application.Id,
            CustomerId = customer.Id,
            Score = score.Score,
            ProbabilityOfDefault = score.ProbabilityOfDefault,
            Grade = score.Grade.ToString(),
            Tier = score.Tier.ToString(),
            KnockedOut = knockedOut,
            RecommendedLimit = assessment.Limit.RecommendedLimit,
            RecommendedTermsDays = assessment.Limit.TermsDays,
            RecommendedSecurity = assessment.Limit.Security.ToString(),
            ExposureAfterRequest = assessment.ExposureAfterRequest,
            ApprovalRule = assessment.Approval.RuleId,
            ExplanationJson = CreditJson.Serialize(assessment),
            PolicyVersion = policyVersion,
            ScoredAt = cases.Now,
        });
        application.RecommendedLimit = assessment.Limit.RecommendedLimit;
        application.Stage = knockedOut ? ApplicationStage.Completed : ApplicationStage.Approval;
        cases.Touch(application);
        cases.Archive(application, context.ElementId, CaseFile.System, knockedOut ? DecisionOutcome.KnockedOut : DecisionOutcome.Scored,
            knockedOut ? string.Join("; ", score.KnockOuts.Select(k => k.Reason)) : assessment.Approval.Explanation,
            new { score = score.Score, grade = score.Grade.ToString(), tier = score.Tier.ToString(), assessment.Limit.RecommendedLimit, approval = assessment.Approval },
            policyVersion);
    }

    /// <summary>The analyst's answers from the recordFindings form, keyed as the scorecard names them.</summary>
    private static Dictionary<string, string> Questionnaire(TaskHandlerContext context) =>
        OnboardingProcess.Fields.Questionnaire
            .Select(field => (field, answer: context.TryGetVariable(field, out var value) ? value as string : null))
            .Where(a => a.answer is not null)
            .ToDictionary(a => a.field, a => a.answer!);
}
