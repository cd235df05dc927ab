using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.LimitChanges;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Application.Remediation;
using OnboardingWorkflow.Application.Reviews;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>A decision the task's contract allows: the value of its <c>decision</c> field and the name the diagram gives it.</summary>
public sealed record TaskMailDecision(string Id, string Name);

/// <summary>
/// What a reviewer needs to decide a task away from the dashboard (a task e-mail, the decision link page):
/// the customer, the limits, the grade with its main reasons, the due date and the decisions the task allows.
/// <see cref="RecommendedLimit"/> is the scoring's recommendation for onboarding, the case's amount
/// otherwise; <see cref="Amount"/> is what the step-up threshold is compared with.
/// </summary>
public sealed record TaskMailSummary(
    string TaskId,
    Guid? CustomerId,
    string? CustomerName,
    string? TaskName,
    string ProcessKey,
    decimal? RequestedLimit,
    decimal? RecommendedLimit,
    string? Grade,
    IReadOnlyList<string> Reasons,
    DateTimeOffset? DueDate,
    IReadOnlyList<TaskMailDecision> Decisions,
    decimal? Amount);

/// <summary>
/// Reads <see cref="TaskMailSummary"/> for a task of any approval flow (onboarding, limit change,
/// periodic review, remediation). It only reads: whoever shows the summary to a person audits that read.
/// </summary>
public sealed class TaskMailSummaries(CaseFile cases, WorkflowEngine engine)
{
    /// <summary>How many reasons the summary carries.</summary>
    public const int MaxReasons = 3;

    /// <summary>The name of the contract field whose choices are the task's decisions.</summary>
    public const string DecisionField = "decision";

    public async Task<TaskMailSummary> GetAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var node = await NodeAsync(task, cancellationToken);
        var name = task.Name ?? node?.Name ?? task.ElementId;
        var decisions = node?.UserTask?.Contract?.Find(DecisionField) is { Type: FormFieldType.Enum } field
            ? field.Values.Select(v => new TaskMailDecision(v.Id, string.IsNullOrWhiteSpace(v.Name) ? v.Id : v.Name)).ToList()
            : [];
        var summary = new TaskMailSummary(task.Id, null, null, name, task.ProcessKey, null, null, null, [], task.DueDate, decisions, null);
        var db = cases.Db;
        Guid.TryParse(task.BusinessKey, out var key);

        switch (task.ProcessKey)
        {
            case LimitChangeProcess.Key:
                if (await db.Set<LimitChangeRequest>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == key, cancellationToken) is { } change)
                {
                    var amount = change.RequestedLimit ?? change.CurrentLimit;
                    return await WithCustomerAsync(summary with
                    {
                        RequestedLimit = change.RequestedLimit,
                        RecommendedLimit = change.RecommendedLimit ?? amount,
                        Grade = await ProfileGradeAsync(change.CustomerId, cancellationToken),
                        Reasons = Stated(change.Reason),
                        Amount = amount,
                    }, change.CustomerId, cancellationToken);
                }

                break;

            case ReviewProcess.Key:
                if (await db.Set<ReviewCase>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == key, cancellationToken) is { } review)
                {
                    var amount = review.ProposedLimit ?? review.PreviousLimit;
                    return await WithCustomerAsync(summary with
                    {
                        RequestedLimit = review.PreviousLimit,
                        RecommendedLimit = amount,
                        Grade = review.Grade ?? review.PreviousGrade,
                        Amount = amount,
                    }, review.CustomerId, cancellationToken);
                }

                break;

            case RemediationProcess.Key:
                if (await db.Set<RemediationCase>().AsNoTracking().FirstOrDefaultAsync(r => r.CustomerId == key, cancellationToken) is { } remediation)
                {
                    var amount = Receivables.Money.FromMinor(Math.Max(remediation.DebtMinor, remediation.WriteDownMinor));
                    return await WithCustomerAsync(summary with
                    {
                        RecommendedLimit = amount,
                        Grade = await ProfileGradeAsync(remediation.CustomerId, cancellationToken),
                        Reasons = Stated(remediation.Reason),
                        Amount = amount,
                    }, remediation.CustomerId, cancellationToken);
                }

                break;

            default:
                if (await db.Set<OnboardingApplication>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == key, cancellationToken) is { } application)
                {
                    var score = (await db.Set<CreditScoreRecord>().AsNoTracking().Where(s => s.ApplicationId == application.Id).ToListAsync(cancellationToken))
                        .MaxBy(s => s.ScoredAt);
                    return await WithCustomerAsync(summary with
                    {
                        RequestedLimit = application.RequestedLimit,
                        RecommendedLimit = application.RecommendedLimit ?? score?.RecommendedLimit,
                        Grade = score?.Grade,
                        Reasons = score is null ? [] : Reasons(score.ExplanationJson),
                        Amount = application.RequestedLimit,
                    }, application.CustomerId, cancellationToken);
                }

                break;
        }

        return summary;
    }

    /// <summary>
    /// The main reasons of a scoring, most telling first: knock-outs, then warning signs, then the
    /// characteristics that scored the fewest points.
    /// </summary>
    public static IReadOnlyList<string> Reasons(string explanationJson)
    {
        ScoreExplanation? explanation;
        try
        {
            using var document = JsonDocument.Parse(explanationJson);
            explanation = ScoreExplanations.Read(document.RootElement);
        }
        catch (JsonException)
        {
            return [];
        }

        if (explanation is null)
        {
            return [];
        }

        return explanation.KnockOuts.Where(k => !string.IsNullOrWhiteSpace(k))
            .Concat(explanation.WarningSigns.Select(w => w.Text))
            .Concat(explanation.Characteristics.OrderBy(c => c.Points).Select(c =>
                string.Create(CultureInfo.InvariantCulture, $"{(string.IsNullOrWhiteSpace(c.Label) ? c.Key : c.Label)}: {c.Value} ({c.Points:0.#} points)")))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxReasons)
            .ToList();
    }

    private static IReadOnlyList<string> Stated(string? text) => string.IsNullOrWhiteSpace(text) ? [] : [text.Trim()];

    private async Task<TaskMailSummary> WithCustomerAsync(TaskMailSummary summary, Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await cases.Db.Set<Customer>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        return summary with { CustomerId = customerId, CustomerName = customer?.Name };
    }

    private Task<string?> ProfileGradeAsync(Guid customerId, CancellationToken cancellationToken) =>
        cases.Db.Set<CreditProfile>().AsNoTracking().Where(p => p.CustomerId == customerId).Select(p => p.Grade).FirstOrDefaultAsync(cancellationToken);

    private async Task<FlowNode?> NodeAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        var instance = await engine.GetInstanceAsync(task.InstanceId, cancellationToken);
        if (instance is null)
        {
            return null;
        }

        var definition = await engine.GetDefinitionAsync(instance.ProcessKey, instance.ProcessVersion, cancellationToken);
        return definition.Nodes.GetValueOrDefault(task.ElementId);
    }
}
