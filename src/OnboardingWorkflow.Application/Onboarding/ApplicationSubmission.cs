using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Onboarding;

/// <summary>What a salesperson submits to open an onboarding case.</summary>
public sealed record SubmitApplicationCommand
{
    public string? Name { get; init; }
    public string? RegistrationNumber { get; init; }
    public string? Address { get; init; }
    public DateOnly? FoundedOn { get; init; }
    public string? Industry { get; init; }
    public string? BusinessScope { get; init; }
    public string? ContactEmail { get; init; }
    public string? CustomerType { get; init; }
    public decimal? RequestedLimit { get; init; }
    public int? TermsDays { get; init; }
    public decimal? ExpectedMonthlyPurchases { get; init; }
}

/// <summary>
/// Submits an application: checks every field, creates or links the customer, and starts the
/// onboarding instance, all in one unit of work — the instance id is chosen first, so the
/// customer, the application that names its instance and the instance's first steps commit
/// together or not at all. Two submissions racing on one new registration number get one
/// case and one <c>duplicate</c> refusal, decided by the unique index.
/// </summary>
public sealed partial class ApplicationSubmission(WorkflowEngine engine, CaseFile cases, TaskActions actions, IOptions<OnboardingOptions> options)
{
    public const decimal MaxAmount = 1_000_000_000_000m;

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{Nd}\-./ ]*$")]
    private static partial Regex RegistrationPattern();

    public async Task<OnboardingApplication> SubmitAsync(SubmitApplicationCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(cases.Now.UtcDateTime);
        var input = new InputRules();
        var name = input.Text("name", command.Name, 300, required: true);
        var registration = input.Text("registrationNumber", command.RegistrationNumber, 64, required: true);
        if (registration is not null && !RegistrationPattern().IsMatch(registration))
        {
            input.Add("registrationNumber", "use letters, digits, '-', '.', '/' or spaces");
        }

        var address = input.Text("address", command.Address, 500);
        var industry = input.Text("industry", command.Industry, 100);
        var scope = input.Text("businessScope", command.BusinessScope, 1000);
        var email = input.Text("contactEmail", command.ContactEmail, 254);
        if (email is not null && !MailAddress.TryCreate(email, out _))
        {
            input.Add("contactEmail", "must be an e-mail address");
        }

        input.DateWithin("foundedOn", command.FoundedOn, new DateOnly(1800, 1, 1), today, "a founding date cannot be in the future");
        var customerType = command.CustomerType?.Trim() ?? DocumentChecklist.CustomerTypes[0];
        if (!DocumentChecklist.CustomerTypes.Contains(customerType))
        {
            input.Add("customerType", $"must be one of {string.Join(", ", DocumentChecklist.CustomerTypes)}");
        }

        if (command.RequestedLimit is null)
        {
            input.Add("requestedLimit", "is required");
        }

        input.Range("requestedLimit", command.RequestedLimit, 0.01m, MaxAmount);
        input.Range("termsDays", command.TermsDays, 0, 365);
        input.Range("expectedMonthlyPurchases", command.ExpectedMonthlyPurchases, 0, MaxAmount);
        input.ThrowIfAny();

        var customer = await cases.Db.Set<Customer>().FirstOrDefaultAsync(c => c.RegistrationNumber == registration, cancellationToken);
        var newCustomer = customer is null;
        if (customer is null)
        {
            customer = new Customer
            {
                Id = Guid.NewGuid(),
                Name = name!,
                RegistrationNumber = registration!,
                Address = address,
                FoundedOn = command.FoundedOn,
                Industry = industry,
                BusinessScope = scope,
                ContactEmail = email,
                Status = CustomerStatus.Prospect,
                CreatedAt = cases.Now,
                Owner = user.Name,
            };
            cases.Db.Set<Customer>().Add(customer);
        }

        var application = new OnboardingApplication
        {
            Id = Guid.NewGuid(),
            CustomerId = customer.Id,
            Status = ApplicationStatus.InProgress,
            Stage = ApplicationStage.Application,
            CustomerType = customerType,
            RequestedLimit = command.RequestedLimit!.Value,
            RequestedTermsDays = command.TermsDays ?? 30,
            ExpectedMonthlyPurchases = command.ExpectedMonthlyPurchases ?? 0,
            Maker = user.Name,
            InstanceId = Guid.CreateVersion7(),
            CreatedAt = cases.Now,
            UpdatedAt = cases.Now,
        };
        cases.Db.Set<OnboardingApplication>().Add(application);
        cases.Audit(user.Name, "application.submitted", "Application", application.Id.ToString(), customer.Id);

        try
        {
            // The engine's commit saves the customer and the application with the instance's first steps.
            var instance = await engine.StartAsync(OnboardingProcess.Key, new Dictionary<string, object?>
            {
                [OnboardingProcess.Start.ApplicationId] = application.Id.ToString(),
                [OnboardingProcess.Start.Maker] = user.Name,
                [OnboardingProcess.Start.RequestedLimit] = application.RequestedLimit,
                [OnboardingProcess.Start.SiteVisitThreshold] = options.Value.SiteVisitThreshold,
            }, application.Id.ToString(), user.Name, application.InstanceId, cancellationToken);
            await actions.SyncStageAsync(application, instance, cancellationToken);
        }
        catch (DbUpdateException) when (newCustomer)
        {
            // Our new customer lost the race for the registration number's unique index.
            if (await RegistrationTakenAsync(registration!, customer.Id, cancellationToken))
            {
                throw AppException.Conflict(ErrorCodes.Duplicate,
                    $"An application for registration number {registration} was submitted at the same moment; open that case instead.");
            }

            throw;
        }

        return application;
    }

    private async Task<bool> RegistrationTakenAsync(string registration, Guid ourCustomerId, CancellationToken cancellationToken)
    {
        cases.Db.ChangeTracker.Clear();
        return await cases.Db.Set<Customer>().AnyAsync(c => c.RegistrationNumber == registration && c.Id != ourCustomerId, cancellationToken);
    }
}
