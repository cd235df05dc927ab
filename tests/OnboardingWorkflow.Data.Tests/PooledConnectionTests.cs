using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;

namespace OnboardingWorkflow.Data.Tests;

/// <summary>
/// PostgreSQL connections go back to the pool without Npgsql's reset statements
/// (<c>No Reset On Close</c>, set by <see cref="DataServiceCollectionExtensions.AddOnboardingData"/>):
/// what a unit of work left unfinished must still not reach the next one on the same connection.
/// </summary>
public sealed class PooledConnectionTests(PostgreSqlTestDatabase database) : IClassFixture<PostgreSqlTestDatabase>
{
    [Fact]
    public async Task A_transaction_left_open_is_rolled_back_before_the_connection_serves_the_next_unit_of_work()
    {
        string connection;
        await using (var fixture = database.CreateContext())
        {
            // One connection in the pool, so the second unit of work gets the first one's.
            connection = new Npgsql.NpgsqlConnectionStringBuilder(fixture.Database.GetConnectionString()) { MaxPoolSize = 1 }.ConnectionString;
        }

        var services = new ServiceCollection()
            .AddOnboardingData(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connection })
            .BuildServiceProvider();
        await using var _ = services;

        // The first unit of work begins a transaction on its connection, past EF, and hands the
        // connection back without ending it.
        int firstBackend;
        using (var first = services.CreateScope())
        {
            var raw = first.ServiceProvider.GetRequiredService<OnboardingDbContext>().Database.GetDbConnection();
            await raw.OpenAsync();
            var transaction = await raw.BeginTransactionAsync();
            firstBackend = Convert.ToInt32(await ScalarAsync(raw, transaction, "SELECT pg_backend_pid()"), System.Globalization.CultureInfo.InvariantCulture);
            await ScalarAsync(raw, transaction, "INSERT INTO \"WorkflowDefinitions\" (\"Key\", \"Version\", \"Xml\", \"Hash\", \"DeployedAt\") VALUES ('left-open', 1, '<definitions/>', 'h', now())");
            Assert.Equal(1L, await ScalarAsync(raw, transaction, "SELECT count(*) FROM \"WorkflowDefinitions\" WHERE \"Key\" = 'left-open'"));
            await raw.CloseAsync();
        }

        using var second = services.CreateScope();
        var next = second.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        Assert.True(new Npgsql.NpgsqlConnectionStringBuilder(next.Database.GetConnectionString()).NoResetOnClose);
        await next.Database.OpenConnectionAsync();
        Assert.Equal(firstBackend, await next.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync());
        Assert.Equal(0, await next.Set<WorkflowDefinitionEntity>().CountAsync(d => d.Key == "left-open"));
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
