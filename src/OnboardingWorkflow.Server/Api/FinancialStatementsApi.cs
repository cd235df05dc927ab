using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Credit;
using OnboardingWorkflow.Credit.Statements;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>Financial statements in the credit library's format ({ currency, years: [...] }), checked before they are kept.</summary>
public static class FinancialStatementsApi
{
    public sealed record StatementsReceipt(Guid Id, Guid ApplicationId, string Currency, int Years, string SubmittedBy, DateTimeOffset SubmittedAt);

    public static RouteGroupBuilder MapFinancialStatementsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/applications/{id:guid}/financial-statements", SubmitAsync).WithTags("Financial statements")
            .RequireAuthorization(Policies.StatementWriters)
            .WithSummary("Submits statements for scoring: currency and one or more fiscal years (Sales, CreditAnalyst); the latest set is scored.");
        return api;
    }

    public static async Task<Results<Created<StatementsReceipt>, ProblemHttpResult>> SubmitAsync(Guid id, JsonElement? body, ClaimsPrincipal principal,
        OnboardingDbContext db, CaseFile cases, CaseAccess access, CancellationToken cancellationToken)
    {
        var user = ApiUser.Of(principal);
        var application = await access.ApplicationAsync(user, id, cancellationToken);

        if (body is not { ValueKind: JsonValueKind.Object } json)
        {
            return Problems.Invalid("The body must be a JSON object: { \"currency\": \"CNY\", \"years\": [ { \"year\": 2025, ... } ] }.");
        }

        FinancialStatements statements;
        try
        {
            statements = CreditJson.Deserialize<FinancialStatements>(json.GetRawText(), "financial statements");
        }
        catch (PolicyFormatException ex)
        {
            return Problems.Invalid(ex.Message);
        }

        var errors = StatementValidator.Validate(statements, latestYear: cases.Now.Year + 1);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }

        if (application.Status != ApplicationStatus.InProgress || application.Stage is ApplicationStage.Approval or ApplicationStage.Contracting or ApplicationStage.Completed)
        {
            return Problems.Conflict(ErrorCodes.InvalidState, "Statements are taken until the application is scored.");
        }

        var set = new FinancialStatementSet
        {
            Id = Guid.NewGuid(),
            ApplicationId = id,
            Currency = statements.Currency,
            StatementsJson = CreditJson.Serialize(statements),
            SubmittedBy = user.Name,
            SubmittedAt = cases.Now,
        };
        db.Set<FinancialStatementSet>().Add(set);
        cases.Audit(user.Name, "statements.submitted", "Application", id.ToString(), application.CustomerId, $"{statements.Years.Count} year(s) in {statements.Currency}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/applications/{id}/financial-statements/{set.Id}",
            new StatementsReceipt(set.Id, id, set.Currency, statements.Years.Count, set.SubmittedBy, set.SubmittedAt));
    }
}
