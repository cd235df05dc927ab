using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OnboardingWorkflow.Data.DesignTime;

/// <summary>
/// Builds the SQL Server context for <c>dotnet ef</c>. The connection string is never opened:
/// migrations are generated from the model, so no server is needed.
/// </summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerOnboardingDbContext>
{
    public SqlServerOnboardingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerOnboardingDbContext>()
            .UseSqlServer("Server=design-time.invalid;Database=OnboardingWorkflow;User Id=design;Password=unused;TrustServerCertificate=True")
            .Options);
}
