using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Reviews;

/// <summary>The review case of an instance or a customer, for the handlers and the use cases.</summary>
public sealed class ReviewCases(CaseFile cases)
{
    /// <summary>The case of a running instance: its business key is the case id (tracked, also when added in this unit of work).</summary>
    public async Task<ReviewCase> OfBusinessKeyAsync(string? businessKey, CancellationToken cancellationToken) =>
        Guid.TryParse(businessKey, out var id) && await cases.Db.Set<ReviewCase>().FindAsync([id], cancellationToken) is { } review
            ? review
            : throw new InvalidOperationException($"The business key '{businessKey}' is not a review case.");

    /// <summary>The customer's running review (the newest, should a late one still run), or null.</summary>
    public Task<ReviewCase?> RunningOfCustomerAsync(Guid customerId, CancellationToken cancellationToken) =>
        cases.Db.Set<ReviewCase>().Where(r => r.CustomerId == customerId && r.Status == ReviewCaseStatus.Running)
            .OrderByDescending(r => r.DueDate).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Approvals of the review so far, saved or being added in this unit of work.</summary>
    public Task<List<CreditDecision>> ApprovalsAsync(ReviewCase review, CancellationToken cancellationToken) =>
        cases.DecisionsAsync(d => d.ReviewCaseId == review.Id && d.Outcome == DecisionOutcome.Approve, cancellationToken);

    /// <summary>The approval level as the flow routes it, from the authority matrix's role.</summary>
    public static string LevelOf(Credit.Authority.ApprovalRequirement requirement) => requirement.Role.ToLowerInvariant() switch
    {
        "creditanalyst" => "analyst",
        "creditmanager" => "manager",
        _ => "committee",
    };
}
