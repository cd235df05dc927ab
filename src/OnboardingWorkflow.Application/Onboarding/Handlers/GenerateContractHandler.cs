using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Application.Notifications;

namespace OnboardingWorkflow.Application.Onboarding.Handlers;

/// <summary>
/// generateContract: the credit agreement from the limit the approval round granted (see
/// <see cref="ApprovalRules"/>) and the recommended terms.
/// </summary>
public sealed class GenerateContractHandler(CaseFile cases, ApprovalRules approvals) : IOnboardingTaskHandler
{
    public string Name => "generateContract";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var application = await cases.ApplicationAsync(context.BusinessKey, cancellationToken);
        var customer = await cases.CustomerAsync(application.CustomerId, cancellationToken);
        var scores = await cases.Db.Set<CreditScoreRecord>().Where(s => s.ApplicationId == application.Id).ToListAsync(cancellationToken);
        var score = scores.OrderByDescending(s => s.ScoredAt).FirstOrDefault()
            ?? throw new InvalidOperationException($"Application {application.Id} has no score to contract on.");

        // The archive of the approval round is the truth, not a process variable.
        var limit = await approvals.RoundApprovedLimitAsync(application, cancellationToken)
            ?? throw new InvalidOperationException($"Application {application.Id} reached contracting without an approval of this round.");
        var terms = score.RecommendedTermsDays;
        application.ApprovedLimit = limit;
        application.ApprovedTermsDays = terms;
        application.Status = ApplicationStatus.Approved;
        application.Stage = ApplicationStage.Contracting;
        cases.Touch(application);

        var text = AgreementText(customer, limit, terms, score, application.Id, cases.Now);
        cases.Db.Set<Contract>().Add(new Contract
        {
            Id = Guid.NewGuid(),
            ApplicationId = application.Id,
            CustomerId = customer.Id,
            CreditLimit = limit,
            TermsDays = terms,
            Security = score.RecommendedSecurity,
            Text = text,
            GeneratedAt = cases.Now,
        });
        cases.Audit(CaseFile.System, "contract.generated", "Application", application.Id.ToString(), customer.Id, $"limit {limit:N2}, {terms} days");
        await cases.NotifyMakerAsync(application, Mails.ContractReady, [customer.Name, limit, terms, text], cancellationToken);
    }

    /// <summary>The agreement's text: the customer's document, so written in the customer's language (else the default).</summary>
    public static string AgreementText(Customer customer, decimal limit, int terms, CreditScoreRecord score, Guid applicationId, DateTimeOffset now)
    {
        var language = Common.Languages.Find(customer.Language) ?? Common.Languages.Default;
        return MailComposer.Phrase(new MailPhrase("Contract.Text",
            customer.Name, customer.RegistrationNumber, limit, terms,
            new MailPhrase("Security." + (score.RecommendedSecurity ?? "None")), score.Grade, new MailPhrase("Tier." + score.Tier),
            score.PolicyVersion, applicationId, now.UtcDateTime), language);
    }
}
