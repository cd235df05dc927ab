using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Data;

/// <summary>
/// The one database of the product: identity, the workflow engine's state and the credit domain.
/// Entity mappings live in one <see cref="IEntityTypeConfiguration{TEntity}"/> per entity under
/// Configuration/. Each provider has a subclass that owns its migrations.
/// </summary>
public abstract class OnboardingDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OnboardingDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseChangesToAppendOnly();
        var written = base.SaveChanges(acceptAllChangesOnSuccess);
        ForgetSavedAppendOnly(acceptAllChangesOnSuccess);
        return written;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseChangesToAppendOnly();
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        ForgetSavedAppendOnly(acceptAllChangesOnSuccess);
        return written;
    }

    // History and audit rows are evidence: once written they are never updated or removed.
    private void RefuseChangesToAppendOnly()
    {
        var entry = ChangeTracker.Entries<IAppendOnly>().FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted);
        if (entry is not null)
        {
            var key = entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).OriginalValue);
            throw new InvalidOperationException(
                $"{entry.Metadata.DisplayName()} is append-only: the row ({string.Join(", ", key ?? [])}) cannot be {(entry.State == EntityState.Deleted ? "deleted" : "modified")}.");
        }
    }

    // A saved append-only row never changes again, so tracking it only holds memory. A context can live
    // long: a dashboard connection keeps one for hours, and every inbox page it shows writes an audit
    // row, which stayed tracked (and reachable) until the connection closed.
    private void ForgetSavedAppendOnly(bool accepted)
    {
        if (!accepted)
        {
            return;
        }

        var detectChanges = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in ChangeTracker.Entries<IAppendOnly>().Where(e => e.State == EntityState.Unchanged).ToList())
            {
                entry.State = EntityState.Detached;
            }
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detectChanges;
        }
    }
}

/// <summary>The SQLite flavour (embedded default); migrations in Migrations/Sqlite.</summary>
public sealed class SqliteOnboardingDbContext(DbContextOptions<SqliteOnboardingDbContext> options) : OnboardingDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset values; as UTC ticks it can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The SQL Server flavour; migrations in Migrations/SqlServer.</summary>
public sealed class SqlServerOnboardingDbContext(DbContextOptions<SqlServerOnboardingDbContext> options) : OnboardingDbContext(options);

/// <summary>The PostgreSQL flavour; migrations in Migrations/PostgreSql.</summary>
public sealed class PostgreSqlOnboardingDbContext(DbContextOptions<PostgreSqlOnboardingDbContext> options) : OnboardingDbContext(options);
