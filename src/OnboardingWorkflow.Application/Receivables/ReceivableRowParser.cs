using System.Globalization;
using OnboardingWorkflow.Data.Domain;
using static OnboardingWorkflow.Application.Receivables.ReceivableRowFields;

namespace OnboardingWorkflow.Application.Receivables;

/// <summary>A row that passed <see cref="ReceivableRowParser"/>: typed, bounded, only the fields its kind uses.</summary>
public sealed record ParsedRow(int Row, ReceivableRowKind Kind, string ExternalId, string? RegistrationNumber, string? Currency,
    DateOnly? IssueDate, DateOnly? DueDate, long AmountMinor, string? Invoice, OrderStatus? Status)
{
    public bool IsAllocation => Kind is ReceivableRowKind.PaymentAllocation or ReceivableRowKind.CreditNoteAllocation;

    /// <summary>What makes two rows of a batch the same row: kind and external id, and for an allocation its invoice.</summary>
    public string Key => IsAllocation ? $"{Kind}|{ExternalId}|{Invoice}" : $"{Kind}|{ExternalId}";
}

/// <summary>
/// Types and bounds one import row: the kind's fields present, the others empty; ids and numbers
/// as short plain text; dates as yyyy-MM-dd from 2000 to a year ahead (a due date not before the
/// issue date, at most ten years after it); amounts above zero with at most two decimals.
/// </summary>
public static class ReceivableRowParser
{
    public const int MaxIdLength = 64;
    private static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>The typed row, or null and every field at fault with what to fix.</summary>
    public static (ParsedRow? Row, IReadOnlyDictionary<string, string[]> Errors) Parse(int row, ReceivableRowInput input, DateOnly today)
    {
        var rules = new InputRules();
        var externalId = rules.Text(ExternalId, input.ExternalId, MaxIdLength, required: true);
        if (rules.Choice<ReceivableRowKind>(Kind, input.Kind) is not { } kind)
        {
            return (null, rules.Errors);
        }

        var uses = Required[kind];
        foreach (var field in All.Where(f => f is not (Kind or ExternalId)))
        {
            var present = !string.IsNullOrWhiteSpace(Value(input, field));
            if (present != uses.Contains(field))
            {
                rules.Add(field, present ? $"is not used by {kind} rows; leave it empty" : $"is required for {kind} rows");
            }
        }

        string? Text(string field, string? value) => uses.Contains(field) ? rules.Text(field, value, MaxIdLength) : null;
        var issue = uses.Contains(IssueDate) ? Date(rules, IssueDate, input.IssueDate, Earliest, today.AddYears(1)) : null;
        var due = uses.Contains(DueDate) ? Date(rules, DueDate, input.DueDate, issue ?? Earliest, (issue ?? today).AddYears(10)) : null;
        var parsed = new ParsedRow(row, kind, externalId ?? "", Text(RegistrationNumber, input.RegistrationNumber), CurrencyCode(rules, uses, input.Currency),
            issue, due, Amount(rules, kind, input.Amount), Text(Invoice, input.Invoice),
            uses.Contains(Status) && !string.IsNullOrWhiteSpace(input.Status) ? rules.Choice<OrderStatus>(Status, input.Status) : null);
        return rules.HasErrors ? (null, rules.Errors) : (parsed, new Dictionary<string, string[]>());
    }

    private static string? CurrencyCode(InputRules rules, IReadOnlyList<string> uses, string? value)
    {
        var code = value?.Trim();
        if (!uses.Contains(Currency) || string.IsNullOrEmpty(code))
        {
            return null;
        }

        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            rules.Add(Currency, $"must be an ISO 4217 code in capitals such as CNY, not '{Shown(code)}'");
        }

        return code;
    }

    private static DateOnly? Date(InputRules rules, string field, string? value, DateOnly earliest, DateOnly latest)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            rules.Add(field, $"must be a date as yyyy-MM-dd, not '{Shown(text)}'");
            return null;
        }

        rules.DateWithin(field, date, earliest, latest, field == DueDate ? "the due date (not before the issue date)" : "the date");
        return date;
    }

    private static long Amount(InputRules rules, ReceivableRowKind kind, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            rules.Add(ReceivableRowFields.Amount, $"must be a number with a '.' for decimals and no thousands separators, not '{Shown(text)}'");
            return 0;
        }

        var hint = kind == ReceivableRowKind.Invoice ? ": money owed to the customer is a CreditNote row" : null;
        return Money.Check(rules, ReceivableRowFields.Amount, amount, hint) ? Money.ToMinor(amount) : 0;
    }

    /// <summary>A value quoted in a message: at most 40 characters of it.</summary>
    private static string Shown(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
