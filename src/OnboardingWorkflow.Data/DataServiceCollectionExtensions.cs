using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OnboardingWorkflow.Data;

/// <summary>
/// Registers the database for the configured provider. Contexts come from a pool: a request or a
/// step of a flow is one short unit of work, and building a context's internal services anew for
/// each took a sixth of the CPU of a persisted engine step (BENCHMARKS.md). A context goes back to
/// the pool reset (tracked entities, transaction, options), so nothing of one unit of work reaches
/// the next; a context must therefore never be used after its scope ends.
/// </summary>
public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddOnboardingData(this IServiceCollection services, DatabaseOptions options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var connection = options.ConnectionString ?? $"Data Source={Path.Combine(options.DataDirectory, "onboarding.db")}";
                services.AddDbContextPool<OnboardingDbContext, SqliteOnboardingDbContext>(db => db.UseSqlite(connection));
                break;
            case DatabaseProvider.SqlServer:
                // No retrying execution strategy: a unit of work carries entities its handlers added,
                // which a blind retry would add twice; the caller retries the whole stimulus instead.
                services.AddDbContextPool<OnboardingDbContext, SqlServerOnboardingDbContext>(db => db.UseSqlServer(Required(options)));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContextPool<OnboardingDbContext, PostgreSqlOnboardingDbContext>(db => db.UseNpgsql(WithConnectionDefaults(Required(options))));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }

        return services;
    }

    /// <summary>
    /// Npgsql's settings for our use, each unless the connection string sets it:
    /// <list type="bullet">
    /// <item>Automatic preparation: a statement sent twice on a connection is prepared there and
    /// keeps its plan, the 100 most used per connection. Planning is much of a short query's time:
    /// the task inbox's statements of one range per candidate key (BENCHMARKS.md, "Task inbox") were
    /// planned at every run. Npgsql leaves it off by default because a statement prepared before a
    /// schema change can fail after it ("cached plan must not change result type"); the schema here
    /// changes only by migrations, which run before the application uses the database.</item>
    /// <item>No reset when a connection goes back to the pool: Npgsql otherwise sends six statements
    /// (<c>RESET ALL</c>, <c>pg_advisory_unlock_all()</c>, <c>UNLISTEN *</c>, ...) with the next
    /// command, and a unit of work of the engine takes a connection twice, so the server ran two of
    /// those per unit of work beside its six statements (BENCHMARKS.md, "Persisted engine
    /// throughput"). Nothing here leaves state on a session: no <c>SET</c> outside a transaction, no
    /// advisory lock, no <c>LISTEN</c>, no temporary table; an open transaction is still rolled back
    /// when its connection is returned. Code that needs session state must reset it itself or set
    /// <c>No Reset On Close=false</c>.</item>
    /// </list>
    /// </summary>
    internal static string WithConnectionDefaults(string connectionString)
    {
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        SetUnlessGiven(builder, MaxAutoPrepare, "Max Auto Prepare", "MaxAutoPrepare");
        SetUnlessGiven(builder, AutoPrepareMinUsages, "Auto Prepare Min Usages", "AutoPrepareMinUsages");
        SetUnlessGiven(builder, true, "No Reset On Close", "NoResetOnClose");
        return builder.ConnectionString;
    }

    private static void SetUnlessGiven(System.Data.Common.DbConnectionStringBuilder builder, object value, string key, string alias)
    {
        if (!builder.ContainsKey(key) && !builder.ContainsKey(alias))
        {
            builder[key] = value;
        }
    }

    /// <summary>How many statements Npgsql keeps prepared per connection by default (<see cref="WithConnectionDefaults"/>).</summary>
    public const int MaxAutoPrepare = 100;

    /// <summary>How many times a statement is sent on a connection before Npgsql prepares it (<see cref="WithConnectionDefaults"/>).</summary>
    public const int AutoPrepareMinUsages = 2;

    private static string Required(DatabaseOptions options) =>
        options.ConnectionString ?? throw new InvalidOperationException($"Database:ConnectionString is required for the {options.Provider} provider.");
}
