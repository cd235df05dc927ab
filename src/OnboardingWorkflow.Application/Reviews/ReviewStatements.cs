using System.Text.Json;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Credit;
using OnboardingWorkflow.Credit.Statements;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Application.Reviews;

/// <summary>
/// Fresh statements for a customer's running review, sent by the account owner (or a credit
/// analyst): checked like an application's and kept on the case, where the re-scoring reads them.
/// </summary>
public sealed class ReviewStatements(CaseFile cases, CaseAccess access, ReviewCases reviews)
{
    public async Task<ReviewCase> SubmitAsync(Guid customerId, JsonElement? body, CurrentUser user, CancellationToken cancellationToken)
    {
        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        if (!user.IsInRole(Roles.Sales) && !user.IsInRole(Roles.CreditAnalyst))
        {
            throw AppException.Forbidden("Statements for a review are sent by the account's salesperson or a credit analyst.");
        }

        var statements = Parse(body, DateOnly.FromDateTime(cases.Now.UtcDateTime));
        var review = await reviews.RunningOfCustomerAsync(customer.Id, cancellationToken)
            ?? throw AppException.Conflict(ErrorCodes.NoReviewCase, $"{customer.Name} has no periodic review in progress.");
        review.AttachStatements(CreditJson.Serialize(statements), user.Name, cases.Now);
        cases.Audit(user.Name, "review.statements", "ReviewCase", review.Id.ToString(), customer.Id,
            $"{statements.Years.Count} year(s) in {statements.Currency}");
        await cases.Db.SaveChangesAsync(cancellationToken);
        return review;
    }

    private static FinancialStatements Parse(JsonElement? body, DateOnly today)
    {
        if (body is not { ValueKind: JsonValueKind.Object } json)
        {
            throw AppException.InvalidField("statements", "must be an object { currency, years: [...] }");
        }

        FinancialStatements statements;
        try
        {
            statements = CreditJson.Deserialize<FinancialStatements>(json.GetRawText(), "statements");
        }
        catch (PolicyFormatException ex)
        {
            throw AppException.InvalidField("statements", ex.Message);
        }

        var input = new InputRules();
        foreach (var error in StatementValidator.Validate(statements, latestYear: today.Year + 1))
        {
            input.Add(error.Field, error.Message);
        }

        input.ThrowIfAny();
        return statements;
    }
}
