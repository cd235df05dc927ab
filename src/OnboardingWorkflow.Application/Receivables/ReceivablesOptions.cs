using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Application.Receivables;

/// <summary>The "Receivables" section: the ledger's currency, the import's batch size and the credit check's overdue tolerance.</summary>
public sealed class ReceivablesOptions
{
    public const string Section = "Receivables";

    /// <summary>
    /// The currency of credit limits and of every ledger item (ISO 4217). There are no exchange
    /// rates, so an item in another currency is refused rather than added to a wrong sum.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "CNY";

    /// <summary>The most rows one import takes; a larger file is split.</summary>
    [Range(1, 50_000)]
    public int MaxRowsPerImport { get; set; } = 5_000;

    /// <summary>Invoices at most this many days past due do not block an order.</summary>
    [Range(0, 365)]
    public int OverdueToleranceDays { get; set; } = 5;

    /// <summary>Open amounts beyond <see cref="OverdueToleranceDays"/> up to this sum do not block an order.</summary>
    [Range(typeof(decimal), "0", "1000000000000")]
    public decimal OverdueToleranceAmount { get; set; }
}
