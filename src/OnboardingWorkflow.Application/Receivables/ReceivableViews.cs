namespace OnboardingWorkflow.Application.Receivables;

/// <summary>Open invoices whose days past due fall in one bucket: current (not yet due), 1-30, 31-60, 61-90, 90+.</summary>
public sealed record AgeingBucket(string Bucket, int Invoices, decimal Amount);

/// <summary>
/// Where a customer stands: open invoices, payments and credit notes not yet allocated, their
/// difference (open receivables), the part of the invoices past due, open orders, and the exposure
/// the credit limit is measured against (open receivables + open orders).
/// </summary>
public sealed record ReceivablesPosition(decimal OpenInvoices, decimal UnappliedCredits, decimal OpenReceivables, decimal Overdue, decimal OpenOrders, decimal Exposure);

/// <summary>An open ledger item: an invoice not yet settled, a payment or credit note not yet allocated.</summary>
public sealed record OpenItemView(string Kind, string ExternalId, DateOnly IssueDate, DateOnly? DueDate, int? DaysPastDue, decimal Amount, decimal OpenAmount);

/// <summary>A customer's receivables as of a date: ageing, position and one page of open items.</summary>
public sealed record CustomerReceivables(Guid CustomerId, string Currency, DateOnly AsOf, IReadOnlyList<AgeingBucket> Ageing, ReceivablesPosition Position,
    Cases.Page<OpenItemView> OpenItems);
