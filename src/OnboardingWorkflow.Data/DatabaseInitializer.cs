using Microsoft.EntityFrameworkCore;

namespace OnboardingWorkflow.Data;

/// <summary>Brings a database to the current schema.</summary>
public static class DatabaseInitializer
{
    /// <summary>Applies pending migrations; before the first migration exists, creates the schema from the model.</summary>
    public static async Task MigrateAsync(OnboardingDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.GetMigrations().Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
        }
    }
}
