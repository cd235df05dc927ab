using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Reviews;

/// <summary>
/// Opens one customer's periodic review in one unit of work (a scope of its own): the case row for
/// the cycle and the instance of workflows/periodic-review.bpmn commit together. The row is unique
/// per (customer, due date), so a second job or server opening the same review at the same moment
/// fails at the commit instead of doubling it. The account owner is the case's maker: the engine
/// keeps them off the approval tasks.
/// </summary>
public sealed class CustomerReview(WorkflowEngine engine, CaseFile cases)
{
    /// <summary>Opens the review due on <paramref name="due"/>'s date; false when it is no longer due or already open.</summary>
    public async Task<bool> StartAsync(DueCustomer due, CancellationToken cancellationToken)
    {
        var customer = await cases.CustomerAsync(due.CustomerId, cancellationToken);
        var profile = await cases.Db.Set<CreditProfile>().FirstOrDefaultAsync(p => p.CustomerId == due.CustomerId, cancellationToken);
        if (profile is null || profile.NextReview != due.DueDate || customer.Status != CustomerStatus.Active
            || await cases.Db.Set<ReviewCase>().AnyAsync(r => r.CustomerId == due.CustomerId && r.DueDate == due.DueDate, cancellationToken))
        {
            return false;
        }

        var owner = string.IsNullOrWhiteSpace(customer.Owner) ? CaseFile.System : customer.Owner.Trim();
        var review = new ReviewCase
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer.Id,
            DueDate = due.DueDate,
            InstanceId = Guid.CreateVersion7(),
            Status = ReviewCaseStatus.Running,
            Owner = owner,
            PreviousGrade = profile.Grade,
            PreviousTier = profile.Tier,
            PreviousLimit = profile.CreditLimit,
            PreviousTermsDays = profile.TermsDays,
            StartedAt = cases.Now,
        };
        cases.Db.Add(review);
        cases.Audit(CaseFile.System, "review.opened", "ReviewCase", review.Id.ToString(), customer.Id, $"periodic review due {due.DueDate:yyyy-MM-dd}");
        await engine.StartAsync(ReviewProcess.Key, new Dictionary<string, object?>
        {
            [ReviewProcess.Start.ReviewId] = review.Id.ToString(),
            [ReviewProcess.Start.CustomerId] = customer.Id.ToString(),
            [ReviewProcess.Start.AccountOwner] = owner == CaseFile.System ? "" : owner,
            [ReviewProcess.Start.DueDate] = due.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, review.Id.ToString(), owner, review.InstanceId, cancellationToken);
        return true;
    }
}
