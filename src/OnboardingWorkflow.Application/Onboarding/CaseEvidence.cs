using System.Globalization;
using System.Text.Json;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Credit;
using OnboardingWorkflow.Credit.Statements;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Onboarding;

/// <summary>A due-diligence finding as an analyst records it.</summary>
public sealed record RecordFindingCommand(Guid ApplicationId, string? Kind, string? Description, decimal? Amount, DateOnly? OccurredOn);

/// <summary>
/// What a case is decided on besides documents: financial statements (checked field by field,
/// taken until the case is scored) and due-diligence findings (recorded by someone other than
/// the maker while the case is open).
/// </summary>
public sealed class CaseEvidence(CaseFile cases, CaseAccess access)
{
    public const int MaxDescriptionLength = 2000;

    public async Task<FinancialStatementSet> SubmitStatementsAsync(Guid applicationId, JsonElement? body, CurrentUser user, CancellationToken cancellationToken)
    {
        var application = await access.ApplicationAsync(user, applicationId, cancellationToken);
        if (body is not { ValueKind: JsonValueKind.Object } json)
        {
            throw AppException.Invalid("The body must be a JSON object: { \"currency\": \"CNY\", \"years\": [ { \"year\": 2025, ... } ] }.");
        }

        FinancialStatements statements;
        try
        {
            statements = CreditJson.Deserialize<FinancialStatements>(json.GetRawText(), "financial statements");
        }
        catch (PolicyFormatException ex)
        {
            throw AppException.Invalid(ex.Message);
        }

        var errors = StatementValidator.Validate(statements, latestYear: cases.Now.Year + 1);
        if (errors.Count > 0)
        {
            throw AppException.InvalidFields(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }

        if (application.Status != ApplicationStatus.InProgress || application.Stage is ApplicationStage.Approval or ApplicationStage.Contracting or ApplicationStage.Completed)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState, "Statements are taken until the application is scored.");
        }

        var set = new FinancialStatementSet
        {
            Id = Guid.NewGuid(),
            ApplicationId = application.Id,
            Currency = statements.Currency,
            StatementsJson = CreditJson.Serialize(statements),
            SubmittedBy = user.Name,
            SubmittedAt = cases.Now,
        };
        cases.Db.Set<FinancialStatementSet>().Add(set);
        cases.Audit(user.Name, "statements.submitted", "Application", application.Id.ToString(), application.CustomerId,
            $"{statements.Years.Count} year(s) in {statements.Currency}");
        await cases.Db.SaveChangesAsync(cancellationToken);
        return set;
    }

    public async Task<DueDiligenceFinding> RecordFindingAsync(RecordFindingCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        var input = new InputRules();
        var kind = input.Choice<FindingKind>("kind", command.Kind) ?? default;

        var description = input.Text("description", command.Description, MaxDescriptionLength, required: true);
        input.Range("amount", command.Amount, 0, ApplicationSubmission.MaxAmount);
        var today = DateOnly.FromDateTime(cases.Now.UtcDateTime);
        input.DateWithin("occurredOn", command.OccurredOn, new DateOnly(1900, 1, 1), today, "when it happened");
        input.ThrowIfAny();

        var application = await access.ApplicationAsync(user, command.ApplicationId, cancellationToken);
        CaseRules.EnsureNotMaker(application, user, "record findings on it");
        if (application.Status != ApplicationStatus.InProgress)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState, $"The application is {application.Status.ToString().ToLowerInvariant()}.");
        }

        var finding = new DueDiligenceFinding
        {
            Id = Guid.NewGuid(),
            ApplicationId = application.Id,
            Kind = kind,
            Description = description!,
            Amount = command.Amount,
            OccurredOn = command.OccurredOn,
            RecordedBy = user.Name,
            RecordedAt = cases.Now,
        };
        cases.Db.Set<DueDiligenceFinding>().Add(finding);
        cases.Audit(user.Name, "finding.recorded", "Application", application.Id.ToString(), application.CustomerId,
            $"{kind}: {finding.Description}{(command.Amount is { } a ? " " + a.ToString(CultureInfo.InvariantCulture) : "")}");
        await cases.Db.SaveChangesAsync(cancellationToken);
        return finding;
    }
}
