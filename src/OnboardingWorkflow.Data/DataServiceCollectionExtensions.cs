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
                services.AddDbContextPool<OnboardingDbContext, PostgreSqlOnboardingDbContext>(db => db.UseNpgsql(Required(options)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }

        return services;
    }

    private static string Required(DatabaseOptions options) =>
        options.ConnectionString ?? throw new InvalidOperationException($"Database:ConnectionString is required for the {options.Provider} provider.");
}
