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
                services.AddDbContextPool<OnboardingDbContext, PostgreSqlOnboardingDbContext>(db => db.UseNpgsql(WithAutoPrepare(Required(options))));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }

        return services;
    }

    /// <summary>
    /// Npgsql's automatic preparation on, unless the connection string sets it: a statement sent
    /// twice on a connection is prepared there and keeps its plan, the 100 most used per
    /// connection. Planning is much of a short query's time: the task inbox's statements of one
    /// range per candidate key (BENCHMARKS.md, "Task inbox") were planned at every run. Npgsql
    /// leaves it off by default because a statement prepared before a schema change can fail
    /// after it ("cached plan must not change result type"); the schema here changes only by
    /// migrations, which run before the application uses the database.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!builder.ContainsKey("Max Auto Prepare") && !builder.ContainsKey("MaxAutoPrepare"))
        {
            builder["Max Auto Prepare"] = MaxAutoPrepare;
        }

        if (!builder.ContainsKey("Auto Prepare Min Usages") && !builder.ContainsKey("AutoPrepareMinUsages"))
        {
            builder["Auto Prepare Min Usages"] = AutoPrepareMinUsages;
        }

        return builder.ConnectionString;
    }

    /// <summary>How many statements Npgsql keeps prepared per connection by default (<see cref="WithAutoPrepare"/>).</summary>
    public const int MaxAutoPrepare = 100;

    /// <summary>How many times a statement is sent on a connection before Npgsql prepares it (<see cref="WithAutoPrepare"/>).</summary>
    public const int AutoPrepareMinUsages = 2;

    private static string Required(DatabaseOptions options) =>
        options.ConnectionString ?? throw new InvalidOperationException($"Database:ConnectionString is required for the {options.Provider} provider.");
}
