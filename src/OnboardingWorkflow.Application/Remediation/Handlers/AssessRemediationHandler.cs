using Microsoft.AspNetCore.Identity;
using OnboardingWorkflow.Application.Reviews;
using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Remediation.Handlers;

/// <summary>
/// assessRemediation: a restructuring or a write-off goes to the approvers the authority matrix
/// names for the amount written down in the customer's tier: sets approvalLevel (analyst, manager,
/// committee) and, for the committee, committee (its members other than the maker and the opener).
/// </summary>
public sealed class AssessRemediationHandler(RemediationCases remediations, RemediationRules rules, UserManager<AppUser> users) : IOnboardingTaskHandler
{
    public string Name => "assessRemediation";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var remediation = await remediations.OfAsync(context, cancellationToken);
        var option = context.GetVariable(RemediationProcess.Fields.Option) as string;
        if (option is not (RemediationProcess.Options.Restructuring or RemediationProcess.Options.WriteOff))
        {
            return;
        }

        var requirement = new AuthorityMatrix(Cases.CreditPolicySet.Current.Authority)
            .Requirement(Receivables.Money.FromMinor(remediation.WriteDownMinor), await rules.TierAsync(remediation.CustomerId, cancellationToken), isException: false);
        var level = ReviewCases.LevelOf(requirement);
        context.SetVariable(RemediationProcess.Variables.ApprovalLevel, level);
        if (level == "committee")
        {
            context.SetVariable(RemediationProcess.Variables.Committee,
                await CommitteeMembers.ChooseAsync(users, [remediation.ProposedBy, remediation.OpenedBy], requirement.CommitteeSize ?? 3));
        }
    }
}
