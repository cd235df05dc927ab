using System.Collections.Concurrent;
using System.Diagnostics;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace OnboardingWorkflow.Data.Engine;

/// <summary>
/// The statements of one commit, written without the change tracker and sent together: as one
/// <see cref="DbBatch"/> (one round trip) where the provider has batches (PostgreSQL, SQL Server),
/// one after the other where it has not (SQLite, which runs in-process, so nothing travels).
/// A statement may say how many rows it must change; when it changes another number, the batch
/// fails with the exception the statement named, and the caller rolls the transaction back.
/// Statements run in the order they were added, in the context's current transaction.
/// <para>
/// Rows go in several to a statement, without reading generated keys back: saved through the
/// change tracker, each history row was a statement of its own with <c>RETURNING "Id"</c>, and the
/// engine writes a dozen per step. Columns and parameter types come from the model, so value
/// converters (SQLite keeps DateTimeOffset as ticks) apply exactly as for a tracked insert, and
/// rows keep their order (key order is insertion order on every provider the product runs on).
/// </para>
/// </summary>
internal sealed class WriteBatch(DbContext db) : IDisposable
{
    private readonly List<(string Sql, List<DbParameter> Parameters, int? Rows, Func<Exception>? Otherwise)> _statements = [];
    private readonly DbCommand _factory = db.Database.GetDbConnection().CreateCommand();

    public int Count => _statements.Count;

    /// <summary>Adds a statement; <paramref name="rows"/> is the number of rows it must change, if it matters.</summary>
    public void Add(string sql, List<DbParameter> parameters, int? rows = null, Func<Exception>? otherwise = null) =>
        _statements.Add((sql, parameters, rows, otherwise));

    /// <summary>A parameter for a column of <paramref name="table"/>, converted as the model stores the property.</summary>
    public DbParameter Parameter(RowTable table, string property, int index, object? value) => table.Parameter(_factory, property, "w" + index, value);

    /// <summary>Inserts the rows, several to a statement (the model's columns, value converters applied, generated keys left out).</summary>
    public void Insert<TEntity>(IReadOnlyList<TEntity> rows) where TEntity : class
    {
        var table = RowTable.Of<TEntity>(db);
        var perStatement = Math.Max(1, table.MaxParameters / table.InsertColumns.Count);
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - start);
            var text = new StringBuilder(table.InsertHead);
            var parameters = new List<DbParameter>(count * table.InsertColumns.Count);
            for (var r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < table.InsertColumns.Count; c++)
                {
                    var property = table.InsertColumns[c];
                    text.Append(c == 0 ? "" : ", ").Append(table.Placeholder("w" + parameters.Count));
                    parameters.Add(table.Parameter(_factory, property.Name, "w" + parameters.Count, property.GetGetter().GetClrValue(rows[start + r])));
                }

                text.Append(')');
            }

            Add(text.ToString(), parameters);
        }
    }

    /// <summary>Sends the statements in the context's current transaction; a statement that changed another number of rows than it must throws after the batch.</summary>
    public Task ExecuteAsync(CancellationToken cancellationToken) => SendAsync(committing: false, cancellationToken);

    /// <summary>
    /// Sends the statements as a transaction of their own, committed by the database when the last
    /// one ran, in the same round trip (PostgreSQL only: its extended protocol runs everything up to
    /// the batch's one Sync as an implicit transaction, all or nothing, and answers only once the
    /// commit is durable). Without a BEGIN before and a COMMIT after, a unit of work of the engine
    /// takes two round trips instead of three. A row count cannot be checked after such a commit,
    /// so a statement that must change N rows is sent as <c>WITH changed AS (... RETURNING 1)
    /// SELECT CAST(CASE WHEN count(*) = N THEN '1' ELSE 'owf row count check K' END AS integer) FROM changed</c>:
    /// with any other count the database fails to read the text as an integer, which fails the
    /// batch and rolls back every statement of it; its error quotes the text, and so names the
    /// check (K counts the batch's checked statements), whose own exception is then thrown. The
    /// text is only cast when the count is wrong: the planner cannot fold a CASE on an aggregate.
    /// </summary>
    public Task ExecuteCommittingAsync(CancellationToken cancellationToken) => SendAsync(committing: true, cancellationToken);

    /// <summary>PostgreSQL's SQLSTATE for text that is no integer: what a checked statement raises in <see cref="ExecuteCommittingAsync"/>.</summary>
    private const string InvalidInteger = "22P02";

    /// <summary>The text a failed check casts to an integer, followed by the check's ordinal among the batch's checked statements; the error quotes it.</summary>
    private const string CheckMarker = "owf row count check ";

    private async Task SendAsync(bool committing, CancellationToken cancellationToken)
    {
        if (_statements.Count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (committing && (transaction is not null || !connection.CanCreateBatch))
        {
            throw new InvalidOperationException("A batch commits itself only on PostgreSQL and outside a transaction.");
        }

        var texts = new List<string>(_statements.Count);
        var checks = 0;
        foreach (var (sql, _, rows, _) in _statements)
        {
            texts.Add(committing && rows is not null
                ? $"WITH changed AS ({sql} RETURNING 1) SELECT CAST(CASE WHEN count(*) = {rows} THEN '1' ELSE '{CheckMarker}{checks++}' END AS integer) FROM changed"
                : sql);
        }

        using var activity = DataTelemetry.Source.StartActivity(DataTelemetry.WriteBatchActivity);
        if (activity is not null)
        {
            activity.SetTag(DataTelemetry.StatementsTag, _statements.Count);
            activity.SetTag(DataTelemetry.RoundTripsTag, connection.CanCreateBatch ? 1 : _statements.Count);
            activity.SetTag(DataTelemetry.CommitsTag, committing ? 1 : 0);
            if (DataTelemetry.RecordText && activity.IsAllDataRequested)
            {
                activity.SetTag(DataTelemetry.TextTag, string.Join("\n", texts));
            }
        }

        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            for (var i = 0; i < _statements.Count; i++)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = texts[i];
                command.Parameters.AddRange(_statements[i].Parameters.ToArray());
                batch.BatchCommands.Add(command);
            }

            if (committing)
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
            }

            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (DbException ex) when (committing && ex.SqlState == InvalidInteger && FailedCheck(ex.Message) is { } failed)
            {
                throw failed.Otherwise?.Invoke() ?? new InvalidOperationException($"A statement did not change {failed.Rows} rows.", ex);
            }
            finally
            {
                if (committing)
                {
                    await db.Database.CloseConnectionAsync();
                }
            }

            // A batch that committed itself had its counts checked by the database.
            for (var i = 0; i < _statements.Count && !committing; i++)
            {
                Check(i, batch.BatchCommands[i].RecordsAffected);
            }

            return;
        }

        for (var i = 0; i < _statements.Count; i++)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = _statements[i].Sql;
            command.Parameters.AddRange(_statements[i].Parameters.ToArray());
            Check(i, await command.ExecuteNonQueryAsync(cancellationToken));
        }
    }

    /// <summary>The checked statement (<see cref="ExecuteCommittingAsync"/>) a database error names, if it names one.</summary>
    private (int? Rows, Func<Exception>? Otherwise)? FailedCheck(string message)
    {
        var at = message.IndexOf(CheckMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var digits = message[(at + CheckMarker.Length)..].TakeWhile(char.IsAsciiDigit).ToArray();
        var ordinal = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        var checkedStatements = _statements.Where(s => s.Rows is not null).ToList();
        return ordinal < checkedStatements.Count ? (checkedStatements[ordinal].Rows, checkedStatements[ordinal].Otherwise) : null;
    }

    public void Dispose() => _factory.Dispose();

    private void Check(int index, int changed)
    {
        var (_, _, rows, otherwise) = _statements[index];
        if (rows is { } expected && changed != expected)
        {
            throw otherwise?.Invoke() ?? new InvalidOperationException($"A statement changed {changed} rows instead of {expected}.");
        }
    }
}

/// <summary>
/// A table as the model maps it, for statements written by hand: delimited names, the columns an
/// insert writes (all but a generated key), and parameters typed and converted as EF would.
/// One per model and entity type, built once.
/// </summary>
internal sealed class RowTable
{
    /// <summary>
    /// Parameters per statement: below SQL Server's 2,100. SQLite finds each parameter of a statement by
    /// name in a list (a cost that grows with the square of their number: an insert of 500 variable
    /// rows in 2,000 parameters cost about 10 ms), so it gets smaller statements.
    /// </summary>
    public int MaxParameters { get; }

    private static readonly ConcurrentDictionary<(IModel, Type), RowTable> Cache = new();

    private readonly StoreObjectIdentifier _table;
    private readonly IEntityType _entity;
    private readonly ISqlGenerationHelper _sql;

    private RowTable(DbContext db, Type type)
    {
        _entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        _table = StoreObjectIdentifier.Table(_entity.GetTableName()!, _entity.GetSchema());
        _sql = db.GetService<ISqlGenerationHelper>();
        Name = _sql.DelimitIdentifier(_table.Name, _table.Schema);
        InsertColumns = _entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never)).ToList();
        InsertHead = $"INSERT INTO {Name} (" + string.Join(", ", InsertColumns.Select(p => Column(p.Name))) + ") VALUES ";
        MaxParameters = db.Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true ? 200 : 2_000;
    }

    public static RowTable Of<TEntity>(DbContext db) => Cache.GetOrAdd((db.Model, typeof(TEntity)), static (key, context) => new RowTable(context, key.Item2), db);

    /// <summary>The delimited table name.</summary>
    public string Name { get; }

    public IReadOnlyList<IProperty> InsertColumns { get; }

    public string InsertHead { get; }

    /// <summary>The delimited column of a property.</summary>
    public string Column(string property) => _sql.DelimitIdentifier(_entity.FindProperty(property)!.GetColumnName(_table)!);

    /// <summary>
    /// A condition that <paramref name="column"/> (written as the statement refers to it) equals
    /// <paramref name="placeholder"/>, checked on the row found by the key and never used to find it.
    /// Written as <c>Column = @p</c> beside <c>Id = @k</c>, a prepared statement's generic plan, made
    /// by PostgreSQL while the table was small, walked the (Status, DueOrder, Id) index instead of
    /// the key: every open task read to find one, at each completion, for as long as the
    /// connection kept the plan. No index has this expression, so no plan can search by it.
    /// </summary>
    public static string CheckOnly(string column, string placeholder) => $"CASE WHEN {column} = {placeholder} THEN 1 ELSE 0 END = 1";

    /// <summary>A name (an alias, say) delimited as this provider writes identifiers.</summary>
    public string Delimit(string name) => _sql.DelimitIdentifier(name);

    /// <summary>How a parameter is written in the SQL text.</summary>
    public string Placeholder(string name) => _sql.GenerateParameterNamePlaceholder(name);

    public DbParameter Parameter(DbCommand factory, string property, string name, object? value)
    {
        var mapped = _entity.FindProperty(property) ?? throw new InvalidOperationException($"{_entity.DisplayName()} has no property {property}.");
        return mapped.GetRelationalTypeMapping().CreateParameter(factory, _sql.GenerateParameterName(name), value, mapped.IsNullable);
    }
}
