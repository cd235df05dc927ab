using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Dunning.Handlers;

/// <summary>promiseBroken: the promised day passed with the overdue still open; the promise ends and the next job run escalates again.</summary>
public sealed class PromiseBrokenHandler(CaseFile cases, EscalationCases escalations) : IOnboardingTaskHandler
{
    public string Name => "promiseBroken";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var row = await escalations.OfAsync(context, cancellationToken);
        var promised = row.PromisedUntil;
        row.EndPromise();
        cases.Audit(CaseFile.System, "dunning.promise-broken", "DunningCase", context.InstanceId.ToString(), row.CustomerId,
            $"the promise to pay by {promised:yyyy-MM-dd} was not kept; escalation resumes");
    }
}
