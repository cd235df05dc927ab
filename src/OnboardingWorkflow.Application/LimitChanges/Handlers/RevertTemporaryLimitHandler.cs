using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.LimitChanges.Handlers;

/// <summary>revertTemporaryLimit: after its last day a temporary limit returns to the limit it replaced.</summary>
public sealed class RevertTemporaryLimitHandler(CaseFile cases, LimitChangeRules rules) : IOnboardingTaskHandler
{
    public string Name => "revertTemporaryLimit";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var change = await rules.ChangeAsync(context.BusinessKey, cancellationToken);
        var profile = await cases.Db.Set<CreditProfile>().FirstAsync(p => p.CustomerId == change.CustomerId, cancellationToken);
        if (profile.LimitAfterTemporary is not { } previous || profile.TemporaryUntil != change.TemporaryUntil)
        {
            // A later change replaced this temporary limit; nothing of it is left to end.
            cases.Audit(CaseFile.System, "limit.temporary-superseded", "LimitChange", change.Id.ToString(), change.CustomerId);
            return;
        }

        cases.RecordLimit(change.CustomerId, change.Id, "TemporaryEnded", profile.CreditLimit, previous, CaseFile.System,
            $"the temporary limit ended on {change.TemporaryUntil:yyyy-MM-dd}");
        profile.CreditLimit = previous;
        profile.LimitAfterTemporary = null;
        profile.TemporaryUntil = null;
        profile.UpdatedAt = cases.Now;
    }
}
