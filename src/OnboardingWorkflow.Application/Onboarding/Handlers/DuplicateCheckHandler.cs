using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Onboarding.Handlers;

/// <summary>
/// duplicateCheck: an application is a duplicate when its customer is active already, has another
/// open application, or another customer has the same name. Sets <c>duplicate</c> and <c>duplicateReason</c>.
/// </summary>
public sealed class DuplicateCheckHandler(CaseFile cases) : IOnboardingTaskHandler
{
    public string Name => "duplicateCheck";

    public async ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
    {
        var application = await cases.ApplicationAsync(context.BusinessKey, cancellationToken);
        var customer = await cases.CustomerAsync(application.CustomerId, cancellationToken);
        string? reason = null;
        if (customer.Status == CustomerStatus.Active)
        {
            reason = $"{customer.Name} ({customer.RegistrationNumber}) is an active customer already; ask for a limit change on the customer instead";
        }
        else if (await cases.Db.Set<OnboardingApplication>().AnyAsync(a => a.CustomerId == customer.Id && a.Id != application.Id
                     && (a.Status == ApplicationStatus.InProgress || a.Status == ApplicationStatus.Approved), cancellationToken))
        {
            reason = $"another application for {customer.RegistrationNumber} is open";
        }
        else
        {
            var name = customer.Name.ToLower();
            if (await cases.Db.Set<Customer>().AnyAsync(c => c.Id != customer.Id && c.Name.ToLower() == name, cancellationToken))
            {
                reason = $"another customer is registered under the name {customer.Name}";
            }
        }

        context.SetVariable(OnboardingProcess.Variables.Duplicate, reason is not null);
        context.SetVariable(OnboardingProcess.Variables.DuplicateReason, reason);
        application.Stage = ApplicationStage.DocumentCollection;
        cases.Touch(application);
    }
}
