namespace OnboardingWorkflow.Credit.Dunning;

/// <summary>An invoice as the ledger sees it; <see cref="LastLevelSent"/> is the dunning level already acted on.</summary>
public sealed record OpenInvoice(string InvoiceId, DateOnly DueDate, decimal Amount, decimal OpenAmount, int LastLevelSent = 0)
{
    public bool IsPaid => OpenAmount <= 0m;
}

/// <summary>Where one invoice stands and what, if anything, is due now.</summary>
public sealed record InvoiceDunning(
    string InvoiceId,
    int DaysPastDue,
    int Level,
    string? LevelName,
    string? Action,
    decimal Fee,
    bool CreditHold,
    bool ActionDueNow,
    string Explanation);

/// <summary>The customer's dunning position: each invoice, the highest level, the hold, and what to do today.</summary>
public sealed record DunningStatus(
    DateOnly AsOf,
    IReadOnlyList<InvoiceDunning> Invoices,
    int CustomerLevel,
    bool CreditHold,
    IReadOnlyList<InvoiceDunning> ActionsDueNow,
    decimal FeesDueNow);
