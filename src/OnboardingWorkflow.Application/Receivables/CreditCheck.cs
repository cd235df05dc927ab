using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Receivables;

/// <summary>The stable codes of the reasons a credit check blocks an order.</summary>
public static class CreditCheckReasons
{
    public const string CustomerNotActive = "customer_not_active";
    public const string NoCreditLimit = "no_credit_limit";
    public const string OverLimit = "over_limit";
    public const string CreditHold = "credit_hold";
    public const string OverdueBeyondTolerance = "overdue_beyond_tolerance";
    public const string ReviewOverdue = "review_overdue";
}

/// <summary>Why an order is blocked, as a code and a sentence.</summary>
public sealed record CreditCheckReason(string Code, string Message);

/// <summary>The answer to a credit check: allow or block, every reason that blocks, and the figures behind them.</summary>
public sealed record CreditCheckResult(Guid CustomerId, DateOnly AsOf, string Currency, decimal Amount, string Decision, IReadOnlyList<CreditCheckReason> Reasons,
    decimal? CreditLimit, decimal Exposure, decimal? Available, decimal OverdueBeyondTolerance, DateOnly? NextReview)
{
    public const string Allow = "allow";
    public const string Block = "block";
}

/// <summary>
/// Checks an order amount against a customer's credit (sales on their own accounts, credit
/// managers, admins) and names every reason that blocks it: the customer is not active or has no
/// limit; exposure + amount is above the current limit; a credit hold is in force; open invoices
/// more than the tolerated days past due sum to more than the tolerated amount; the next review
/// date has passed. Reads are audited, as every read of a customer's credit is.
/// </summary>
public sealed class CreditCheck(CaseFile cases, CaseAccess access, ReceivableQueries receivables, CreditHolds holds, IOptions<ReceivablesOptions> options)
{
    public async Task<CreditCheckResult> CheckAsync(Guid customerId, decimal? amount, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.CreditCheckers, user))
        {
            throw AppException.Forbidden("Credit checks are made by sales, credit managers and admins.");
        }

        var rules = new InputRules();
        if (amount is not { } orderAmount)
        {
            rules.Add("amount", "is required: the order amount to check");
        }
        else
        {
            Money.Check(rules, "amount", orderAmount);
        }

        rules.ThrowIfAny();
        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        var today = receivables.Today;
        var profile = await cases.Db.Set<CreditProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.CustomerId == customer.Id, cancellationToken);
        var position = await receivables.PositionAsync(customer.Id, today, cancellationToken);
        var tolerance = options.Value;
        var overdue = Money.FromMinor(await receivables.OpenMinorAsync(customer.Id, ReceivableKind.Invoice, today.AddDays(-tolerance.OverdueToleranceDays), cancellationToken));
        var reasons = new List<CreditCheckReason>();
        void Block(string code, string message) => reasons.Add(new CreditCheckReason(code, message));

        if (customer.Status != CustomerStatus.Active)
        {
            Block(CreditCheckReasons.CustomerNotActive, $"{customer.Name} is {customer.Status.ToString().ToLowerInvariant()}, not active.");
        }

        if (profile is null)
        {
            Block(CreditCheckReasons.NoCreditLimit, $"{customer.Name} has no credit limit.");
        }
        else
        {
            if (position.Exposure + amount!.Value > profile.CreditLimit)
            {
                Block(CreditCheckReasons.OverLimit,
                    $"Exposure {position.Exposure:0.00} + order {amount:0.00} = {position.Exposure + amount:0.00} is above the limit of {profile.CreditLimit:0.00}.");
            }

            if (profile.NextReview < today)
            {
                Block(CreditCheckReasons.ReviewOverdue, $"The credit review was due on {profile.NextReview:yyyy-MM-dd}.");
            }
        }

        foreach (var hold in await holds.InForceAsync(customer.Id, cancellationToken))
        {
            Block(CreditCheckReasons.CreditHold, $"Credit hold ({hold.Source}) since {hold.PlacedAt:yyyy-MM-dd} by {hold.PlacedBy}: {hold.Reason}");
        }

        if (overdue > tolerance.OverdueToleranceAmount)
        {
            Block(CreditCheckReasons.OverdueBeyondTolerance,
                $"{overdue:0.00} is more than {tolerance.OverdueToleranceDays} day(s) past due; the tolerance is {tolerance.OverdueToleranceAmount:0.00}.");
        }

        access.AuditRead(user, "credit-check", "Customer", customer.Id.ToString(), customer.Id);
        await cases.Db.SaveChangesAsync(cancellationToken);
        return new CreditCheckResult(customer.Id, today, tolerance.Currency, amount!.Value, reasons.Count == 0 ? CreditCheckResult.Allow : CreditCheckResult.Block, reasons,
            profile?.CreditLimit, position.Exposure, profile is null ? null : profile.CreditLimit - position.Exposure, overdue, profile?.NextReview);
    }
}
