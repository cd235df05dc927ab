namespace OnboardingWorkflow.Application.Receivables;

/// <summary>What a row of an import is.</summary>
public enum ReceivableRowKind
{
    Invoice,
    CreditNote,
    Payment,

    /// <summary>Applies part of the payment <c>externalId</c> to the invoice <c>invoice</c>.</summary>
    PaymentAllocation,

    /// <summary>Applies part of the credit note <c>externalId</c> to the invoice <c>invoice</c>.</summary>
    CreditNoteAllocation,
    Order,
}

/// <summary>
/// One row of an import as it was sent, every value as text: the JSON batch and the CSV file
/// carry the same fields (<see cref="ReceivableRowFields"/>), and <see cref="ReceivableRowParser"/>
/// types and bounds them the same way for both.
/// </summary>
public sealed record ReceivableRowInput
{
    public string? Kind { get; init; }
    public string? ExternalId { get; init; }
    public string? RegistrationNumber { get; init; }
    public string? Currency { get; init; }
    public string? IssueDate { get; init; }
    public string? DueDate { get; init; }
    public string? Amount { get; init; }
    public string? Invoice { get; init; }
    public string? Status { get; init; }
}

/// <summary>An import: the rows and the format they came in (json or csv), for the report and the audit trail.</summary>
public sealed record ReceivablesBatch(string Format, IReadOnlyList<ReceivableRowInput> Rows);

/// <summary>The field names of a row (JSON properties and CSV columns alike) and which kind of row uses which.</summary>
public static class ReceivableRowFields
{
    public const string Kind = "kind";
    public const string ExternalId = "externalId";
    public const string RegistrationNumber = "registrationNumber";
    public const string Currency = "currency";
    public const string IssueDate = "issueDate";
    public const string DueDate = "dueDate";
    public const string Amount = "amount";
    public const string Invoice = "invoice";
    public const string Status = "status";

    public static readonly IReadOnlyList<string> All = [Kind, ExternalId, RegistrationNumber, Currency, IssueDate, DueDate, Amount, Invoice, Status];

    /// <summary>Besides kind and externalId, what each kind of row needs; any other field must be empty.</summary>
    public static readonly IReadOnlyDictionary<ReceivableRowKind, IReadOnlyList<string>> Required = new Dictionary<ReceivableRowKind, IReadOnlyList<string>>
    {
        [ReceivableRowKind.Invoice] = [RegistrationNumber, Currency, IssueDate, DueDate, Amount],
        [ReceivableRowKind.CreditNote] = [RegistrationNumber, Currency, IssueDate, Amount],
        [ReceivableRowKind.Payment] = [RegistrationNumber, Currency, IssueDate, Amount],
        [ReceivableRowKind.PaymentAllocation] = [Invoice, Amount],
        [ReceivableRowKind.CreditNoteAllocation] = [Invoice, Amount],
        [ReceivableRowKind.Order] = [RegistrationNumber, Currency, IssueDate, Amount, Status],
    };

    /// <summary>The value of <paramref name="field"/> in <paramref name="row"/>.</summary>
    public static string? Value(ReceivableRowInput row, string field) => field switch
    {
        Kind => row.Kind,
        ExternalId => row.ExternalId,
        RegistrationNumber => row.RegistrationNumber,
        Currency => row.Currency,
        IssueDate => row.IssueDate,
        DueDate => row.DueDate,
        Amount => row.Amount,
        Invoice => row.Invoice,
        Status => row.Status,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a field of a receivables row"),
    };

    /// <summary>A row from values by field name, as a CSV record gives them.</summary>
    public static ReceivableRowInput FromValues(IReadOnlyDictionary<string, string?> values)
    {
        string? Get(string field) => values.GetValueOrDefault(field);
        return new ReceivableRowInput
        {
            Kind = Get(Kind), ExternalId = Get(ExternalId), RegistrationNumber = Get(RegistrationNumber), Currency = Get(Currency),
            IssueDate = Get(IssueDate), DueDate = Get(DueDate), Amount = Get(Amount), Invoice = Get(Invoice), Status = Get(Status),
        };
    }
}
