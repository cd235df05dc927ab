using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace OnboardingWorkflow.Data.Engine;

/// <summary>
/// Inserts rows of an append-only entity whose key the database generates as one multi-row
/// INSERT per chunk, without reading the keys back. Saved through the change tracker, each row is a
/// statement of its own with <c>RETURNING "Id"</c> (on SQLite, each prepared separately), and the
/// engine writes a dozen history rows per step: that was the larger part of a commit's statements.
/// Nobody reads these rows back in the same unit of work, so their keys are not needed.
/// <para>
/// Columns, table and parameter types come from the model, so value converters (SQLite keeps
/// DateTimeOffset as ticks) apply exactly as they do for a tracked insert. Rows keep their order:
/// each chunk is one statement with the rows in the order given, and key order is insertion order
/// on every provider the product runs on.
/// </para>
/// </summary>
internal sealed class AppendOnlyInsert<TEntity> where TEntity : class, IAppendOnly
{
    /// <summary>Parameters per statement: below SQL Server's 2,100 and SQLite's 32,766.</summary>
    private const int MaxParameters = 2_000;

    private readonly string _head;
    private readonly IReadOnlyList<(IProperty Property, RelationalTypeMapping Mapping)> _columns;
    private readonly ISqlGenerationHelper _sql;

    private AppendOnlyInsert(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        _sql = db.GetService<ISqlGenerationHelper>();
        _columns = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never))
            .Select(p => (p, p.GetRelationalTypeMapping()))
            .ToList();
        _head = $"INSERT INTO {_sql.DelimitIdentifier(table.Name, table.Schema)} ("
            + string.Join(", ", _columns.Select(c => _sql.DelimitIdentifier(c.Property.GetColumnName(table)!))) + ") VALUES ";
    }

    /// <summary>One per model (per provider): the statement's head and the column mappings are worked out once.</summary>
    public static AppendOnlyInsert<TEntity> For(DbContext db) => Cache.GetOrAdd(db.Model, static (_, context) => new AppendOnlyInsert<TEntity>(context), db);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IModel, AppendOnlyInsert<TEntity>> Cache = new();

    /// <summary>Writes the rows in the context's current transaction (or in one statement per chunk without one).</summary>
    public async Task WriteAsync(DbContext db, IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
    {
        var perStatement = Math.Max(1, MaxParameters / _columns.Count);
        using var factory = db.Database.GetDbConnection().CreateCommand();
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var chunk = rows.Skip(start).Take(perStatement).ToList();
            var text = new StringBuilder(_head);
            var parameters = new List<DbParameter>(chunk.Count * _columns.Count);
            for (var r = 0; r < chunk.Count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < _columns.Count; c++)
                {
                    var (property, mapping) = _columns[c];
                    var name = "a" + parameters.Count;
                    text.Append(c == 0 ? "" : ", ").Append(_sql.GenerateParameterNamePlaceholder(name));
                    parameters.Add(mapping.CreateParameter(factory, _sql.GenerateParameterName(name), property.GetGetter().GetClrValue(chunk[r]), property.IsNullable));
                }

                text.Append(')');
            }

            await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, cancellationToken);
        }
    }
}
