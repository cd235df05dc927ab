using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Access;

namespace OnboardingWorkflow.Application.Receivables;

/// <summary>
/// Imports invoices, credit notes, payments, allocations and orders from the accounting and order
/// systems, as a JSON batch or a CSV file of the same rows (admins and credit managers). Each row
/// is checked on its own and reported accepted, unchanged or refused with a code and what to fix;
/// the accepted ones are saved together in one transaction, with one audit entry for the import.
/// Importing the same rows again changes nothing, so a refused row is fixed and the whole file sent
/// again. Items and orders are posted first in row order, then allocations, so an allocation may
/// come before its payment in the file.
/// </summary>
public sealed class ReceivablesImport(CaseFile cases, IOptions<ReceivablesOptions> options, IEnumerable<ILedgerListener> listeners)
{
    public async Task<ImportReport> ImportAsync(ReceivablesBatch batch, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.ReceivablesImporters, user))
        {
            throw AppException.Forbidden("Receivables are imported by admins and credit managers.");
        }

        var max = options.Value.MaxRowsPerImport;
        if (batch.Rows.Count == 0)
        {
            throw AppException.InvalidField("rows", FieldText.Format(FieldText.Keys.NoRows));
        }

        if (batch.Rows.Count > max)
        {
            throw new AppException(AppErrorKind.TooLarge, ErrorCodes.PayloadTooLarge,
                $"An import takes at most {max} rows and this one has {batch.Rows.Count}: split it into several.");
        }

        var results = new ImportRowResult[batch.Rows.Count];
        var rows = Parse(batch.Rows, results);
        var ledger = await ImportLedger.LoadAsync(cases.Db, rows, cancellationToken);
        var posting = new LedgerPosting(cases.Db, ledger, options.Value.Currency, cases.Now);
        foreach (var row in rows.OrderBy(r => r.IsAllocation).ThenBy(r => r.Row))
        {
            results[row.Row - 1] = posting.Post(row);
        }

        var report = new ImportReport(Guid.CreateVersion7(), batch.Format, results.Length, Count(ImportOutcomes.Accepted), Count(ImportOutcomes.Unchanged),
            Count(ImportOutcomes.Refused), results);
        cases.Audit(user.Name, "receivables.imported", "ReceivablesImport", report.ImportId.ToString(), null,
            $"{batch.Format}: {report.Rows} rows, {report.Accepted} accepted, {report.Unchanged} unchanged, {report.Refused} refused");
        var changed = cases.Db.ChangeTracker.Entries<Data.Domain.ReceivableItem>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity.CustomerId).ToHashSet();
        try
        {
            await cases.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            if (await ImportLedger.LostARaceAsync(cases.Db, posting.CreatedItems, posting.CreatedOrders, cancellationToken))
            {
                throw AppException.Conflict(ErrorCodes.ConcurrencyConflict,
                    "Another import stored some of these items at the same moment, so nothing of this one was saved; import it again (rows already on file come back unchanged).");
            }

            throw;
        }

        foreach (var listener in listeners)
        {
            await listener.LedgerChangedAsync(changed, cancellationToken);
        }

        return report;

        int Count(string outcome) => results.Count(r => r.Outcome == outcome);
    }

    /// <summary>The rows that parse and are not repeats of an earlier row; the others get their refusal in <paramref name="results"/>.</summary>
    private List<ParsedRow> Parse(IReadOnlyList<ReceivableRowInput> inputs, ImportRowResult[] results)
    {
        var today = DateOnly.FromDateTime(cases.Now.UtcDateTime);
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<ParsedRow>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var (row, errors) = ReceivableRowParser.Parse(i + 1, inputs[i], today);
            if (row is null)
            {
                results[i] = new ImportRowResult(i + 1, inputs[i].Kind, inputs[i].ExternalId, ImportOutcomes.Refused, ErrorCodes.InvalidRow,
                    string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")), errors);
            }
            else if (!firstRow.TryAdd(row.Key, row.Row))
            {
                results[i] = ImportRowResult.Refused(row, ErrorCodes.DuplicateRow,
                    $"Row {firstRow[row.Key]} already has {row.Kind} {row.ExternalId}{(row.IsAllocation ? $" to invoice {row.Invoice}" : "")}; send each item once per import.");
            }
            else
            {
                rows.Add(row);
            }
        }

        return rows;
    }
}
