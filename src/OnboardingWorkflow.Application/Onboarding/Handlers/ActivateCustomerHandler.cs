using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Credit.Reviews;
using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Onboarding.Handlers;

/// <summary>activateCustomer: the customer becomes active with the contracted limit, terms and next review date.</summary>
public sealed class ActivateCustomerHandler(CaseFile cases, ApprovalRules approvals) : IOnboardingTaskHandler
{
    public string Name => "activateCustomer";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var application = await cases.ApplicationAsync(context.BusinessKey, cancellationToken);
        var customer = await cases.CustomerAsync(application.CustomerId, cancellationToken);
        var contract = (await cases.Db.Set<Contract>().Where(c => c.ApplicationId == application.Id).ToListAsync(cancellationToken))
            .OrderByDescending(c => c.GeneratedAt).FirstOrDefault()
            ?? throw new InvalidOperationException($"Application {application.Id} has no contract.");
        var score = (await cases.Db.Set<CreditScoreRecord>().Where(s => s.ApplicationId == application.Id).ToListAsync(cancellationToken))
            .OrderByDescending(s => s.ScoredAt).First();

        contract.SignedAt = cases.Now;
        if (context.TryGetVariable(OnboardingProcess.Variables.SignedDocumentId, out var signed) && Guid.TryParse(signed as string, out var documentId))
        {
            contract.SignedDocumentId = documentId;
        }

        var tier = Enum.Parse<RiskTier>(score.Tier);
        var nextReview = new ReviewScheduler(CreditPolicySet.Current.Review).NextReview(DateOnly.FromDateTime(cases.Now.UtcDateTime), tier);
        var profile = await cases.Db.Set<CreditProfile>().FirstOrDefaultAsync(p => p.CustomerId == customer.Id, cancellationToken);
        if (profile is null)
        {
            profile = new CreditProfile { Id = Guid.NewGuid(), CustomerId = customer.Id, Grade = score.Grade, Tier = score.Tier, PolicyVersion = score.PolicyVersion };
            cases.Db.Set<CreditProfile>().Add(profile);
        }

        profile.Score = score.Score;
        profile.Grade = score.Grade;
        profile.Tier = score.Tier;
        profile.CreditLimit = contract.CreditLimit;
        profile.TermsDays = contract.TermsDays;
        profile.Security = contract.Security;
        profile.NextReview = nextReview;
        profile.PolicyVersion = score.PolicyVersion;
        profile.UpdatedAt = cases.Now;

        var deciders = string.Join(", ", (await approvals.RoundApprovalsAsync(application, score, cancellationToken)).Select(a => a.DecidedBy).Distinct(StringComparer.OrdinalIgnoreCase));
        cases.RecordLimit(customer.Id, application.Id, "Onboarding", 0m, contract.CreditLimit, deciders, "onboarding approved and contract signed",
            policyVersion: score.PolicyVersion);
        customer.Status = CustomerStatus.Active;
        customer.ActivatedAt = cases.Now;
        application.Status = ApplicationStatus.Active;
        application.Stage = ApplicationStage.Completed;
        application.Outcome = "active";
        cases.Touch(application);
        cases.Archive(application, context.ElementId, CaseFile.System, DecisionOutcome.Activated,
            $"limit {contract.CreditLimit:N2}, {contract.TermsDays} days, next review {nextReview:yyyy-MM-dd}",
            new { contract.CreditLimit, contract.TermsDays, contract.Security, nextReview, score.Grade, score.Tier }, score.PolicyVersion);
    }
}
