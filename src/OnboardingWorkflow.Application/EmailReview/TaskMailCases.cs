using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>The case a task e-mail describes, written in the mail's language.</summary>
public sealed record TaskMailCase(Guid? CustomerId, string Customer, string TaskName, string? RequestedLimit, string? RecommendedLimit, string? Amount,
    string? Grade, IReadOnlyList<string> Reasons, string? DueDate, IReadOnlyList<TaskMailChoice> Decisions);

/// <summary>Reads what a task e-mail says about its case: the customer, the amounts, the grade, the due date and the decisions the task's contract allows.</summary>
public sealed class TaskMailCases(CaseFile cases, WorkflowEngine engine)
{
    /// <summary>The contract field a reviewer's decision is written to.</summary>
    public const string DecisionField = "decision";

    public async Task<TaskMailCase> GetAsync(TaskRecord task, CultureInfo culture, CancellationToken cancellationToken)
    {
        var instance = await engine.GetInstanceAsync(task.InstanceId, cancellationToken);
        var node = instance is null ? null : (await engine.GetDefinitionAsync(instance.ProcessKey, instance.ProcessVersion, cancellationToken)).Nodes.GetValueOrDefault(task.ElementId);
        var decisions = node?.UserTask?.Contract?.Find(DecisionField)?.Values.Select(v => new TaskMailChoice(v.Id, DecisionLabel(v.Id, v.Name, culture), null)).ToList() ?? [];
        var due = task.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var application = Guid.TryParse(task.BusinessKey, out var id) ? await cases.Db.Set<OnboardingApplication>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) : null;
        if (application is null)
        {
            return new TaskMailCase(null, task.BusinessKey ?? task.ProcessKey, task.Name ?? task.ElementId, null, null, null, null, [], due, decisions);
        }

        var customer = await cases.CustomerAsync(application.CustomerId, cancellationToken);
        return new TaskMailCase(customer.Id, customer.Name, task.Name ?? task.ElementId, Money(application.RequestedLimit, culture),
            application.RecommendedLimit is { } recommended ? Money(recommended, culture) : null, null, null, [], due, decisions);
    }

    private static string Money(decimal amount, CultureInfo culture) => amount.ToString("N2", culture);

    /// <summary>The words a reviewer also replies with: approve / reject, 同意 / 拒绝; other decisions by the contract's name.</summary>
    public static string DecisionLabel(string id, string? name, CultureInfo culture) => (id.ToLowerInvariant(), culture.Name) switch
    {
        ("approve", "zh-CN") => "同意",
        ("reject", "zh-CN") => "拒绝",
        ("approve", _) => "Approve",
        ("reject", _) => "Reject",
        _ => name ?? id,
    };
}
