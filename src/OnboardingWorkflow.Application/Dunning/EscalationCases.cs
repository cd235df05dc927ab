using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Dunning;

/// <summary>The escalation case of a running instance, for the process's handlers: its business key is the customer id.</summary>
public sealed class EscalationCases(CaseFile cases)
{
    public static Guid CustomerOf(TaskHandlerContext context) =>
        Guid.TryParse(context.BusinessKey, out var id) ? id : throw new InvalidOperationException($"The business key '{context.BusinessKey}' is not a customer id.");

    public static int LevelOf(TaskHandlerContext context) =>
        Convert.ToInt32(context.GetVariable(EscalationProcess.Start.Level), CultureInfo.InvariantCulture);

    /// <summary>The case row of the instance (tracked, also when it was added in this unit of work).</summary>
    public async Task<DunningCase> OfAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var customerId = CustomerOf(context);
        var row = cases.Db.Set<DunningCase>().Local.FirstOrDefault(c => c.CustomerId == customerId)
            ?? await cases.Db.Set<DunningCase>().FirstOrDefaultAsync(c => c.CustomerId == customerId, cancellationToken)
            ?? throw new InvalidOperationException($"Customer {customerId} has no escalation case.");
        return row.InstanceId == context.InstanceId
            ? row
            : throw new InvalidOperationException($"The escalation case of customer {customerId} is instance {row.InstanceId}, not {context.InstanceId}.");
    }
}
