using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Dunning;

/// <summary>A promise to pay as the account owner or a credit manager records it.</summary>
public sealed record PromiseToPayCommand(DateOnly? Date, string? Note);

/// <summary>
/// A promise to pay pauses the customer's escalation until the end of the promised day: the
/// account's salesperson or a credit manager records it on the running case (the API, or the
/// follow-up task's form with the same rule); the case keeps the day, the job leaves the customer
/// alone until then, and a promise not kept resumes the escalation.
/// </summary>
public sealed class PromiseToPay(WorkflowEngine engine, CaseFile cases, CaseAccess access, IOptions<DunningOptions> options)
{
    public const int MaxNoteLength = 2000;

    public DateOnly Today => DateOnly.FromDateTime(cases.Now.UtcDateTime);

    public async Task<DunningCase> PromiseAsync(Guid customerId, PromiseToPayCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.PromiseTakers, user))
        {
            throw AppException.Forbidden("Promises to pay are recorded by the account's salesperson or a credit manager.");
        }

        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        var rules = new InputRules();
        PromiseRules.Check(rules, "date", command.Date, Today, options.Value.MaxPromiseDays);
        var note = rules.Text("note", command.Note, MaxNoteLength);
        rules.ThrowIfAny();
        var row = await cases.Db.Set<DunningCase>().FirstOrDefaultAsync(c => c.CustomerId == customer.Id && c.Status == DunningCaseStatus.Running, cancellationToken)
            ?? throw AppException.Conflict(ErrorCodes.NoEscalationCase, $"{customer.Name} has no running overdue escalation; a promise to pay is recorded on one.");
        EnsureNoPromise(row);
        cases.Audit(user.Name, "dunning.promise-requested", "DunningCase", row.InstanceId.ToString(), customer.Id, note);
        var resumed = await engine.CorrelateMessageAsync(EscalationProcess.Messages.PromiseToPay, customer.Id.ToString(), new Dictionary<string, object?>
        {
            [EscalationProcess.Variables.PromisedDate] = command.Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, user.Name, cancellationToken);
        if (resumed.ResumedInstances.Count == 0)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState, $"The escalation of {customer.Name} is not waiting for a promise now; try again later.");
        }

        return await cases.Db.Set<DunningCase>().AsNoTracking().FirstAsync(c => c.Id == row.Id, cancellationToken);
    }

    /// <summary>
    /// The form of a follow-up task: with the outcome "promised", the day is required and bounded
    /// as for the API; otherwise no day may be sent. The process then sends itself the promise.
    /// </summary>
    public async Task CheckTaskAsync(string? businessKey, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken)
    {
        var promised = variables.GetValueOrDefault(EscalationProcess.Variables.Outcome) as string == EscalationProcess.Promised;
        var text = variables.GetValueOrDefault(EscalationProcess.Variables.PromisedDate) as string;
        var rules = new InputRules();
        var day = PromiseRules.Parse(text);
        if (promised)
        {
            PromiseRules.Check(rules, EscalationProcess.Variables.PromisedDate, day, Today, options.Value.MaxPromiseDays);
        }
        else if (text is not null)
        {
            rules.Add(EscalationProcess.Variables.PromisedDate, "is only for the outcome 'promised'");
        }

        rules.ThrowIfAny();
        if (promised && Guid.TryParse(businessKey, out var customerId)
            && await cases.Db.Set<DunningCase>().AsNoTracking().FirstOrDefaultAsync(c => c.CustomerId == customerId, cancellationToken) is { } row)
        {
            EnsureNoPromise(row);
        }
    }

    private void EnsureNoPromise(DunningCase row)
    {
        if (row.IsPaused(Today))
        {
            throw AppException.Conflict(ErrorCodes.PromiseInForce,
                $"A promise to pay by {row.PromisedUntil:yyyy-MM-dd} (from {row.PromisedBy}) is in force; escalation resumes after that day if it is not kept.");
        }
    }
}
