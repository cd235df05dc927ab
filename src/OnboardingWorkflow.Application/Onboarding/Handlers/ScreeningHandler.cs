using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Onboarding.Handlers;

/// <summary>
/// screening: the internal negative list by registration number or name, plus the litigation and
/// penalties recorded so far. Sets <c>negativeListHit</c>, <c>negativeListReason</c>,
/// <c>litigationCount</c> and <c>penaltyCount</c>.
/// </summary>
public sealed class ScreeningHandler(CaseFile cases) : IOnboardingTaskHandler
{
    public string Name => "screening";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var application = await cases.ApplicationAsync(context.BusinessKey, cancellationToken);
        var customer = await cases.CustomerAsync(application.CustomerId, cancellationToken);
        var name = customer.Name.ToLower();
        var hit = await cases.Db.Set<NegativeListEntry>()
            .Where(e => e.RegistrationNumber == customer.RegistrationNumber || (e.Name != null && e.Name.ToLower() == name))
            .FirstOrDefaultAsync(cancellationToken);
        var findings = await cases.Db.Set<DueDiligenceFinding>().Where(f => f.ApplicationId == application.Id).Select(f => f.Kind).ToListAsync(cancellationToken);

        context.SetVariable(OnboardingProcess.Variables.NegativeListHit, hit is not null);
        context.SetVariable(OnboardingProcess.Variables.NegativeListReason, hit?.Reason);
        context.SetVariable(OnboardingProcess.Variables.LitigationCount, findings.Count(k => k == FindingKind.Litigation));
        context.SetVariable(OnboardingProcess.Variables.PenaltyCount, findings.Count(k => k == FindingKind.AdministrativePenalty));
        cases.Touch(application);
        // Screening runs at submission and again in due diligence: one finding per hit is enough.
        if (hit is not null && !findings.Contains(FindingKind.NegativeListHit))
        {
            cases.Db.Set<DueDiligenceFinding>().Add(new DueDiligenceFinding
            {
                Id = Guid.NewGuid(),
                ApplicationId = application.Id,
                Kind = FindingKind.NegativeListHit,
                Description = $"internal negative list: {hit.Reason}",
                RecordedBy = CaseFile.System,
                RecordedAt = cases.Now,
            });
        }
    }
}
