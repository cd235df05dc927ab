using Npgsql;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Data.Tests.Support;

/// <summary>A database of its own on the test PostgreSQL server, dropped after the test class.</summary>
public sealed class PostgreSqlTestDatabase : TestDatabase
{
    private readonly string _name = $"owf_test_{Guid.NewGuid():N}";

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override async Task<string> CreateDatabaseAsync()
    {
        var server = await PostgreSqlTestServer.GetConnectionStringAsync();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = _name }.ToString();
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await PostgreSqlTestServer.GetConnectionStringAsync());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
