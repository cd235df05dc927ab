using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace OnboardingWorkflow.Cli.Commands;

/// <summary>Seeds benchmark databases fast: prepared inserts in one transaction on SQLite, binary COPY on PostgreSQL, in the encodings EF Core uses.</summary>
public static class BulkRows
{
    internal static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();

    /// <summary>A writer for "sqlite" or "postgresql".</summary>
    public static IBulkRowWriter Writer(string provider, string connectionString) =>
        provider == "sqlite" ? new SqliteRowWriter(connectionString) : new PostgreSqlRowWriter(connectionString);
}

/// <summary>Writes rows table by table in one transaction.</summary>
public interface IBulkRowWriter : IAsyncDisposable
{
    Task OpenAsync();

    Task BeginAsync(string table, string[] columns, NpgsqlDbType[] types);

    ValueTask RowAsync(params object?[] values);

    Task EndAsync();

    Task CommitAsync();
}

internal sealed class SqliteRowWriter(string connectionString) : IBulkRowWriter
{
    private readonly SqliteConnection _connection = new(connectionString);
    private SqliteTransaction? _transaction;
    private SqliteCommand? _insert;

    public async Task OpenAsync()
    {
        await _connection.OpenAsync();
        _transaction = _connection.BeginTransaction();
    }

    public Task BeginAsync(string table, string[] columns, NpgsqlDbType[] types)
    {
        _insert = _connection.CreateCommand();
        _insert.Transaction = _transaction;
        _insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++)
        {
            _insert.Parameters.Add(new SqliteParameter($"$p{i}", null));
        }

        _insert.Prepare();
        return Task.CompletedTask;
    }

    public ValueTask RowAsync(params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            // The encodings EF Core's SQLite provider uses: see SqliteOnboardingDbContext.
            _insert!.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                DateTimeOffset d => BulkRows.SqliteTime.ConvertToProvider(d),
                Guid g => g.ToString().ToUpperInvariant(),
                decimal m => m.ToString("0.0###########################", CultureInfo.InvariantCulture),
                var v => v,
            };
        }

        _insert!.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public Task EndAsync()
    {
        _insert?.Dispose();
        _insert = null;
        return Task.CompletedTask;
    }

    public Task CommitAsync() => _transaction!.CommitAsync();

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}

internal sealed class PostgreSqlRowWriter(string connectionString) : IBulkRowWriter
{
    private readonly NpgsqlConnection _connection = new(connectionString);
    private NpgsqlTransaction? _transaction;
    private NpgsqlBinaryImporter? _copy;
    private NpgsqlDbType[] _types = [];

    public async Task OpenAsync()
    {
        await _connection.OpenAsync();
        _transaction = await _connection.BeginTransactionAsync();
    }

    public async Task BeginAsync(string table, string[] columns, NpgsqlDbType[] types)
    {
        _types = types;
        _copy = await _connection.BeginBinaryImportAsync($"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
    }

    public async ValueTask RowAsync(params object?[] values)
    {
        await _copy!.StartRowAsync();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                await _copy.WriteNullAsync();
            }
            else
            {
                await _copy.WriteAsync(values[i], _types[i]);
            }
        }
    }

    public async Task EndAsync()
    {
        await _copy!.CompleteAsync();
        await _copy.DisposeAsync();
        _copy = null;
    }

    public Task CommitAsync() => _transaction!.CommitAsync();

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
