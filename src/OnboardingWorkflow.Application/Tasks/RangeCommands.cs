using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OnboardingWorkflow.Data;

namespace OnboardingWorkflow.Application.Tasks;

/// <summary>
/// Runs the statements EF writes for the inbox's index ranges (<see cref="TaskInbox"/>) with text
/// that does not depend on the user: one statement per range, and a range of many candidate keys
/// as the same statement run once per key, only the key's parameter changed. The text is EF's
/// (the rule stays in the LINQ of the ranges); what this adds is how it is sent. On SQLite one
/// command is prepared once and stepped per key. On PostgreSQL a range of many keys is one
/// statement, a lateral join over the keys (<see cref="Lateral"/>), all statements go in one
/// batch, one round trip, and with automatic preparation (on by default,
/// <c>DataServiceCollectionExtensions</c>) each text is planned once per connection. A union of
/// one branch per key was a new statement for each count of keys: SQLite prepared it at every run
/// and PostgreSQL planned it at every run (5-10 ms for 33-64 branches, BENCHMARKS.md).
/// </summary>
internal sealed class RangeCommands(OnboardingDbContext db) : IAsyncDisposable
{
    /// <summary>Stands for the key in the statement EF writes for one key; replaced by each real key before it is sent.</summary>
    internal const string KeyProbe = "\u0001inbox-key-probe\u0001";

    /// <summary>The values of a statement run once: no key.</summary>
    private static readonly string?[] Once = [null];

    private readonly List<(DbCommand Command, DbParameter? Key, IReadOnlyList<string>? Keys)> statements = [];

    /// <summary>Receives every statement as sent (the benchmark's plans); null in the product.</summary>
    public Action<string, IReadOnlyList<DbParameter>>? Sent { get; init; }

    /// <summary>A statement run once.</summary>
    public void Add(IQueryable query) => statements.Add((query.CreateDbCommand(), null, null));

    /// <summary>A statement run once that counts the rows of <paramref name="query"/>.</summary>
    public void AddCount(IQueryable query) => statements.Add((Counting(query.CreateDbCommand()), null, null));

    /// <summary>A statement run once per key (<see cref="AddPerKey"/>) that counts the rows of the key's range.</summary>
    public void AddCountPerKey(IQueryable query, IReadOnlyList<string> keys)
    {
        AddPerKey(query, keys);
        Counting(statements[^1].Command);
    }

    /// <summary>
    /// A statement run once per key: <paramref name="query"/> is the range of the one key
    /// <see cref="KeyProbe"/>, whose parameter takes each key in turn.
    /// </summary>
    public void AddPerKey(IQueryable query, IReadOnlyList<string> keys)
    {
        var command = query.CreateDbCommand();
        var key = command.Parameters.Cast<DbParameter>().SingleOrDefault(p => KeyProbe.Equals(p.Value))
            ?? throw new InvalidOperationException("The statement of a key's range does not take the key as a parameter.");
        if (db is PostgreSqlOnboardingDbContext)
        {
            statements.Add((Lateral(command, key, keys), null, null));
            return;
        }

        statements.Add((command, key, keys));
    }

    /// <summary>
    /// PostgreSQL: the statement of one key run for every key by the server, as a lateral join over
    /// the keys (one array parameter): one statement, planned once whatever the keys, each key's
    /// range read by its own index scan (with its LIMIT). Sent once per key in a batch it was one
    /// bind and execution per key (0.1 ms each); a lateral join is what EF does not write (it turns
    /// a limit per key into a window over the whole index).
    /// </summary>
    private static DbCommand Lateral(DbCommand command, DbParameter key, IReadOnlyList<string> keys)
    {
        var name = key.ParameterName.TrimStart('@');
        var placeholder = new Regex($@"@{Regex.Escape(name)}\b");
        if (placeholder.Matches(command.CommandText).Count != 1)
        {
            throw new InvalidOperationException($"The statement of a key's range does not name its key once as @{name}.");
        }

        command.Parameters.Remove(key);
        var all = command.CreateParameter();
        all.ParameterName = KeysParameter;
        all.Value = keys.ToArray();
        command.Parameters.Add(all);
        var range = placeholder.Replace(command.CommandText, "\"inbox_keys\".\"key\"");
        command.CommandText = $"SELECT \"inbox_range\".* FROM unnest(@{KeysParameter}) AS \"inbox_keys\"(\"key\") CROSS JOIN LATERAL ({range}) AS \"inbox_range\"";
        return command;
    }

    /// <summary>The name of the keys' array in a lateral statement (<see cref="Lateral"/>); EF names its own parameters after the query's variables.</summary>
    private const string KeysParameter = "inbox_keys";

    /// <summary>Runs every statement (once, or once per key) and reads each row of every result with <paramref name="read"/>.</summary>
    public async Task<List<T>> ReadAsync<T>(Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        if (statements.All(s => s.Keys is { Count: 0 }))
        {
            return rows;
        }

        var database = db.Database;
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = database.GetDbConnection();
            var transaction = database.CurrentTransaction?.GetDbTransaction();
            // Batches on PostgreSQL only: SQLite has none, and on SQL Server, which no test of the suite runs, the statements go one by one (each a plan it caches).
            if (db is PostgreSqlOnboardingDbContext && connection.CanCreateBatch)
            {
                await using var batch = connection.CreateBatch();
                batch.Transaction = transaction;
                foreach (var (command, key, keys) in statements)
                {
                    foreach (var value in (IEnumerable<string?>?)keys ?? Once)
                    {
                        var one = batch.CreateBatchCommand();
                        one.CommandText = command.CommandText;
                        foreach (DbParameter parameter in command.Parameters)
                        {
                            one.Parameters.Add(Copy(parameter, parameter == key ? value : parameter.Value));
                        }

                        batch.BatchCommands.Add(one);
                        Sent?.Invoke(one.CommandText, one.Parameters.Cast<DbParameter>().ToList());
                    }
                }

                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                do
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        rows.Add(read(reader));
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
                return rows;
            }

            foreach (var (command, key, keys) in statements)
            {
                command.Transaction = transaction;
                foreach (var value in (IEnumerable<string?>?)keys ?? Once)
                {
                    if (key is not null)
                    {
                        key.Value = value;
                    }

                    Sent?.Invoke(command.CommandText, command.Parameters.Cast<DbParameter>().ToList());
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        rows.Add(read(reader));
                    }
                }
            }

            return rows;
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (command, _, _) in statements)
        {
            await command.DisposeAsync();
        }
    }

    /// <summary>
    /// The count of the rows: EF writes a COUNT only as the end of a query, not as a command to keep,
    /// so its select is wrapped (the planners read the subquery as the plain select: SQLite flattens it,
    /// PostgreSQL pulls it up).
    /// </summary>
    private static DbCommand Counting(DbCommand command)
    {
        command.CommandText = $"SELECT COUNT(*) FROM ({command.CommandText}) AS \"r\"";
        return command;
    }

    /// <summary>A parameter for another command: a provider's own copy when it has one (it keeps the provider's type, e.g. an array's).</summary>
    private static DbParameter Copy(DbParameter parameter, object? value)
    {
        if (parameter is ICloneable cloneable)
        {
            var copy = (DbParameter)cloneable.Clone();
            copy.Value = value;
            return copy;
        }

        throw new NotSupportedException($"{parameter.GetType().Name} cannot be copied into a batch.");
    }
}
