using System.Globalization;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>The case a task e-mail describes, written in the mail's language.</summary>
public sealed record TaskMailCase(Guid? CustomerId, string Customer, string TaskName, string? RequestedLimit, string? RecommendedLimit, string? Amount,
    string? Grade, IReadOnlyList<string> Reasons, string? DueDate, IReadOnlyList<TaskMailChoice> Decisions);

/// <summary>
/// The shared case summary (<see cref="TaskMailSummaries"/>) written for an e-mail in the reader's
/// language: amounts with the culture's separators, dates as yyyy-MM-dd (UTC), approve and reject
/// in the words a reply may use (同意 / 拒绝 in Chinese).
/// </summary>
public sealed class TaskMailCases(TaskMailSummaries summaries)
{
    public async Task<TaskMailCase> GetAsync(TaskRecord task, CultureInfo culture, CancellationToken cancellationToken)
    {
        var summary = await summaries.GetAsync(task, cancellationToken);
        return new TaskMailCase(
            summary.CustomerId,
            summary.CustomerName ?? task.BusinessKey ?? summary.ProcessKey,
            summary.TaskName ?? task.ElementId,
            Money(summary.RequestedLimit, culture),
            Money(summary.RecommendedLimit, culture),
            Money(summary.Amount, culture),
            summary.Grade,
            summary.Reasons,
            summary.DueDate?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            summary.Decisions.Select(d => new TaskMailChoice(d.Id, DecisionLabel(d.Id, d.Name, culture), null)).ToList());
    }

    private static string? Money(decimal? amount, CultureInfo culture) => amount?.ToString("N2", culture);

    /// <summary>The words a reviewer also replies with: approve / reject, 同意 / 拒绝; other decisions by the contract's name.</summary>
    public static string DecisionLabel(string id, string? name, CultureInfo culture) => (id.ToLowerInvariant(), culture.Name) switch
    {
        ("approve", "zh-CN") => "同意",
        ("reject", "zh-CN") => "拒绝",
        ("request-info", "zh-CN") => "要求补充信息",
        ("approve", _) => "Approve",
        ("reject", _) => "Reject",
        _ => name ?? id,
    };
}
