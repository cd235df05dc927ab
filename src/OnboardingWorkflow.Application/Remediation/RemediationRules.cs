using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Credit.Scoring;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Stores;
using Fields = OnboardingWorkflow.Application.Remediation.RemediationProcess.Fields;
using Choices = OnboardingWorkflow.Application.Remediation.RemediationProcess.Options;

namespace OnboardingWorkflow.Application.Remediation;

/// <summary>
/// The rules of a remediation case's tasks on top of their contracts. The decision: a payment plan
/// needs the plan sent first, adding up to the debt; a restructuring needs the amount written down
/// (above zero, below the debt), the reason, and a plan adding up to the rest; a write-off needs
/// the reason (it goes on the negative list). Whoever chooses a restructuring or write-off is its
/// maker. The approvals go by the authority matrix on the amount written down and the customer's
/// tier (the same matrix as every credit decision): the maker never approves, nobody approves
/// twice, and an approver above their authority is refused.
/// </summary>
public sealed class RemediationRules(CaseFile cases, RemediationCases remediations, IOptions<RemediationOptions> options)
{
    public async Task PrepareAsync(TaskRecord task, Dictionary<string, object?> variables, string? comment, CurrentUser user, CancellationToken cancellationToken)
    {
        var remediation = await remediations.OfCustomerAsync(RemediationCases.CustomerOf(task.BusinessKey), cancellationToken);
        if (remediation is not { IsOpen: true } || remediation.InstanceId != task.InstanceId)
        {
            throw AppException.Conflict(ErrorCodes.NoRemediationCase, $"Task {task.Id} belongs to no open remediation case.");
        }

        switch (task.ElementId)
        {
            case RemediationProcess.Tasks.Decide:
                await DecideAsync(task, remediation, variables, comment, user, cancellationToken);
                break;
            case RemediationProcess.Tasks.RecordLegalOutcome:
                await LegalOutcomeAsync(task, remediation, variables, comment, user, cancellationToken);
                break;
            case var id when RemediationProcess.Tasks.Approvals.Contains(id):
                await ApproveAsync(task, remediation, variables, comment, user, cancellationToken);
                break;
            default:
                cases.Audit(user.Name, "task.completed", "Task", task.Id, remediation.CustomerId, comment);
                break;
        }
    }

    private async Task DecideAsync(TaskRecord task, RemediationCase remediation, Dictionary<string, object?> variables, string? comment, CurrentUser user,
        CancellationToken cancellationToken)
    {
        var option = (variables.GetValueOrDefault(Fields.Option) as string) switch
        {
            Choices.PaymentPlan => RemediationOption.PaymentPlan,
            Choices.Restructuring => RemediationOption.Restructuring,
            Choices.LegalAction => RemediationOption.LegalAction,
            Choices.WriteOff => RemediationOption.WriteOff,
            _ => throw AppException.InvalidField(Fields.Option, FieldText.Format(FieldText.Keys.OneOf, "paymentPlan, restructuring, legalAction, writeOff")),
        };
        var rules = new InputRules();
        var writeDown = Cases.Amounts.Field(variables, Fields.WriteDownAmount);
        var reason = variables.GetValueOrDefault(Fields.Reason) as string;
        long writeDownMinor = 0;
        if (option == RemediationOption.Restructuring)
        {
            if (writeDown is not { } amount || amount <= 0 || Money.ToMinor(amount) >= remediation.DebtMinor || amount != decimal.Round(amount, Money.Decimals))
            {
                rules.Add(Fields.WriteDownAmount, FieldText.Format(FieldText.Keys.WriteDownOutOfRange, Money.Format(remediation.DebtMinor)));
            }
            else
            {
                writeDownMinor = Money.ToMinor(amount);
            }
        }
        else if (writeDown is not null)
        {
            rules.Add(Fields.WriteDownAmount, FieldText.Format(FieldText.Keys.WriteDownNotAllowed));
        }

        if (option is RemediationOption.Restructuring or RemediationOption.WriteOff && string.IsNullOrWhiteSpace(reason))
        {
            rules.Add(Fields.Reason, FieldText.Format(FieldText.Keys.ReasonRequired));
        }

        if (option is RemediationOption.PaymentPlan or RemediationOption.Restructuring)
        {
            if (remediation.ProposedPlanJson is not { } json)
            {
                rules.Add(PaymentPlan.Field, FieldText.Format(FieldText.Keys.PlanNotSent));
            }
            else if (!rules.HasErrors)
            {
                // Checked again: days that were ahead when the plan was sent may have passed since.
                var plan = PaymentPlan.Deserialize(json);
                PaymentPlan.Check(rules, plan.Select(i => new InstalmentInput(i.DueDate, Money.FromMinor(i.AmountMinor))).ToList(), Today, options.Value);
                PaymentPlan.CheckTotal(rules, plan, remediation.DebtMinor - writeDownMinor);
            }
        }

        rules.ThrowIfAny();
        if (option == RemediationOption.WriteOff)
        {
            writeDownMinor = await OpenOfDebtAsync(remediation, cancellationToken);
        }

        remediation.Propose(option, writeDownMinor, user.Name);
        cases.Archive(remediation, task.ElementId, user.Name, DecisionOutcome.RemediationProposed, reason ?? comment ?? variables.GetValueOrDefault(Fields.Note) as string,
            new { option = option.ToString(), debt = Money.FromMinor(remediation.DebtMinor), writeDown = Money.FromMinor(writeDownMinor), plan = remediation.ProposedPlanJson },
            taskId: task.Id);
    }

    private async Task LegalOutcomeAsync(TaskRecord task, RemediationCase remediation, Dictionary<string, object?> variables, string? comment, CurrentUser user,
        CancellationToken cancellationToken)
    {
        var option = variables.GetValueOrDefault(Fields.Option) as string;
        var reason = variables.GetValueOrDefault(Fields.Reason) as string;
        if (option == Choices.WriteOff && string.IsNullOrWhiteSpace(reason))
        {
            throw AppException.InvalidField(Fields.Reason, FieldText.Format(FieldText.Keys.ReasonRequired));
        }

        remediation.LegalReference = variables.GetValueOrDefault(Fields.LegalReference) as string;
        if (option == Choices.WriteOff)
        {
            remediation.Propose(RemediationOption.WriteOff, await OpenOfDebtAsync(remediation, cancellationToken), user.Name);
        }
        else
        {
            remediation.Revision++;
        }

        cases.Archive(remediation, task.ElementId, user.Name, DecisionOutcome.RemediationProposed, reason ?? comment,
            new { outcome = option, legalReference = remediation.LegalReference, writeOff = Money.FromMinor(remediation.WriteDownMinor) }, taskId: task.Id);
    }

    private async Task ApproveAsync(TaskRecord task, RemediationCase remediation, Dictionary<string, object?> variables, string? comment, CurrentUser user,
        CancellationToken cancellationToken)
    {
        var outcome = (variables.GetValueOrDefault(Fields.Decision) as string) switch
        {
            "approve" => DecisionOutcome.Approve,
            "reject" => DecisionOutcome.Reject,
            _ => throw AppException.InvalidField(Fields.Decision, FieldText.Format(FieldText.Keys.OneOf, "approve, reject")),
        };
        var approvalCase = new ApprovalCase
        {
            MakerId = remediation.ProposedBy ?? remediation.OpenedBy,
            ExposureAfterRequest = Money.FromMinor(remediation.WriteDownMinor),
            Tier = await TierAsync(remediation.CustomerId, cancellationToken),
            ApproverIds = outcome == DecisionOutcome.Approve ? (await ApprovalsAsync(remediation, cancellationToken)).Select(d => d.DecidedBy).ToList() : [],
        };
        var matrix = Cases.AuthorityDecision.EnsureMayDecide(approvalCase, user, outcome);

        cases.Archive(remediation, task.ElementId, user.Name, outcome, comment ?? variables.GetValueOrDefault(Fields.Note) as string,
            new
            {
                task = task.Name,
                option = remediation.Option?.ToString(),
                writeDown = Money.FromMinor(remediation.WriteDownMinor),
                requirement = matrix.Requirement(approvalCase).Explanation,
            },
            taskId: task.Id);
    }

    /// <summary>The customer's risk tier from the credit profile; a customer without one counts as high risk.</summary>
    public async Task<RiskTier> TierAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var tier = await cases.Db.Set<CreditProfile>().Where(p => p.CustomerId == customerId).Select(p => p.Tier).FirstOrDefaultAsync(cancellationToken);
        return Enum.TryParse<RiskTier>(tier, out var parsed) ? parsed : RiskTier.High;
    }

    /// <summary>The approvals of the current proposal: those after the latest option chosen.</summary>
    public async Task<List<CreditDecision>> ApprovalsAsync(RemediationCase remediation, CancellationToken cancellationToken)
    {
        var instance = remediation.InstanceId;
        var decisions = await cases.DecisionsAsync(d => d.RemediationInstanceId == instance, cancellationToken);
        var since = decisions.Where(d => d.Outcome == DecisionOutcome.RemediationProposed).Select(d => d.DecidedAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        return decisions.Where(d => d.Outcome == DecisionOutcome.Approve && d.DecidedAt >= since).ToList();
    }

    private DateOnly Today => DateOnly.FromDateTime(cases.Now.UtcDateTime);

    private Task<long> OpenOfDebtAsync(RemediationCase remediation, CancellationToken cancellationToken) =>
        remediations.OpenDebtMinorAsync(remediation.CustomerId, remediation.DebtAsOf, cancellationToken);

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
