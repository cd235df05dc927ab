using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OnboardingWorkflow.Data.DesignTime;

/// <summary>Builds the SQLite context for <c>dotnet ef</c>; generating migrations opens no file.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOnboardingDbContext>
{
    public SqliteOnboardingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOnboardingDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .Options);
}
