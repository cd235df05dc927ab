using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OnboardingWorkflow.Data.DesignTime;

/// <summary>
/// Builds the PostgreSQL context for <c>dotnet ef</c>. The connection string is never opened:
/// migrations are generated from the model, so no server is needed.
/// </summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlOnboardingDbContext>
{
    public PostgreSqlOnboardingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlOnboardingDbContext>()
            .UseNpgsql("Host=design-time.invalid;Database=onboarding;Username=design")
            .Options);
}
