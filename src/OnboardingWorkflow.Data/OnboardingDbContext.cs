using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Data;

/// <summary>
/// The one database of the product: identity, the workflow engine's state and the credit domain.
/// Entity mappings live in one <see cref="IEntityTypeConfiguration{TEntity}"/> per entity under
/// Configuration/. Each provider has a subclass that owns its migrations.
/// <para>
/// Saving also keeps the derived <see cref="CustomerSearchTerm"/> rows in step with each customer's
/// name and registration number. Here, not in the use cases, because it is the one place every
/// writer of a customer passes through: the application submission that creates customers, any
/// later correction of a name, the engine's commit that saves them, test data and tools; and the
/// rows change in the same transaction as the customer, so a search never sees one without the other.
/// </para>
/// </summary>
public abstract class OnboardingDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    private (bool Known, SqliteGroupCommit? Group) _groupCommit;

    /// <summary>This context's database's group commit (SQLite files only), looked up once: its options never change.</summary>
    internal SqliteGroupCommit? GroupCommit
    {
        get
        {
            if (!_groupCommit.Known)
            {
                _groupCommit = (true, SqliteGroupCommit.Of(this));
            }

            return _groupCommit.Group;
        }
    }

    /// <summary>The server's Data Protection key ring: cookies and signed e-mail links survive restarts and every server of a cluster reads them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OnboardingDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using var detected = DetectChangesOnce();
        RefuseChangesToAppendOnly();
        var renamed = CustomersToIndex();
        var stored = renamed.Count == 0 ? [] : Set<CustomerSearchTerm>().Where(t => renamed.Contains(t.CustomerId)).ToList();
        IndexCustomers(stored);
        var written = base.SaveChanges(acceptAllChangesOnSuccess);
        ForgetSavedAppendOnly(acceptAllChangesOnSuccess);
        return written;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (SqliteGroupCommit.For(this) is { } group)
        {
            // Saved in a commit shared with the other units of work saving now (SQLite files only).
            var saved = 0;
            await group.RunAsync(this, async () => saved = await SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken), cancellationToken);
            if (acceptAllChangesOnSuccess)
            {
                AcceptSavedChanges();
            }

            return saved;
        }

        using var detected = DetectChangesOnce();
        RefuseChangesToAppendOnly();
        var renamed = CustomersToIndex();
        var stored = renamed.Count == 0 ? [] : await Set<CustomerSearchTerm>().Where(t => renamed.Contains(t.CustomerId)).ToListAsync(cancellationToken);
        IndexCustomers(stored);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        ForgetSavedAppendOnly(acceptAllChangesOnSuccess);
        return written;
    }

    /// <summary>
    /// Compares the tracked entities with their snapshots once, then turns automatic detection off
    /// until the save is done. Each ChangeTracker.Entries call and the base save would otherwise
    /// compare every tracked entity again: five passes per save, measured as a tenth of an
    /// escalation step's time. Nothing here changes a tracked entity's properties; the rows it
    /// adds or removes are tracked by Add and Remove directly.
    /// </summary>
    private AutoDetectPause DetectChangesOnce()
    {
        var enabled = ChangeTracker.AutoDetectChangesEnabled;
        if (enabled)
        {
            ChangeTracker.DetectChanges();
            ChangeTracker.AutoDetectChangesEnabled = false;
        }

        return new AutoDetectPause(ChangeTracker, enabled);
    }

    private readonly struct AutoDetectPause(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker, bool enabled) : IDisposable
    {
        public void Dispose() => tracker.AutoDetectChangesEnabled = enabled;
    }

    /// <summary>The ids of stored customers whose name or registration number is about to change: their terms must be read first.</summary>
    private List<Guid> CustomersToIndex()
    {
        return ChangeTracker.Entries<Customer>()
            .Where(e => e.State == EntityState.Modified && (e.Property(c => c.Name).IsModified || e.Property(c => c.RegistrationNumber).IsModified))
            .Select(e => e.Entity.Id).ToList();
    }

    /// <summary>Adds the search terms of new customers, and replaces those of renamed ones (<paramref name="stored"/>: their current rows).</summary>
    private void IndexCustomers(List<CustomerSearchTerm> stored)
    {
        var byCustomer = stored.ToLookup(t => t.CustomerId);
        foreach (var entry in ChangeTracker.Entries<Customer>().ToList())
        {
            var customer = entry.Entity;
            var isNew = entry.State == EntityState.Added;
            if (!isNew && !(entry.State == EntityState.Modified && (entry.Property(c => c.Name).IsModified || entry.Property(c => c.RegistrationNumber).IsModified)))
            {
                continue;
            }

            var terms = CustomerSearchTerm.TermsOf(customer.Name, customer.RegistrationNumber);
            var kept = new HashSet<string>(StringComparer.Ordinal);
            foreach (var old in byCustomer[customer.Id])
            {
                if (terms.Contains(old.Term))
                {
                    kept.Add(old.Term);
                }
                else
                {
                    Remove(old);
                }
            }

            foreach (var term in terms.Where(t => !kept.Contains(t)))
            {
                Add(new CustomerSearchTerm { CustomerId = customer.Id, Term = term });
            }
        }
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

    /// <summary>Marks what a save without acceptance wrote as saved, once the transaction it went in has committed.</summary>
    internal void AcceptSavedChanges()
    {
        ChangeTracker.AcceptAllChanges();
        ForgetSavedAppendOnly(accepted: true);
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

        foreach (var entry in ChangeTracker.Entries<IAppendOnly>().Where(e => e.State == EntityState.Unchanged).ToList())
        {
            entry.State = EntityState.Detached;
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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // SQLite keeps decimals as text, whose order is not the amounts' order: the inbox sorts by
        // CAST(RequestedLimit AS REAL) and the migration creates expression indexes for that
        // (migration InboxSearchAndSort), which EF cannot model. The plain column indexes would go unused.
        foreach (var type in new[] { typeof(OnboardingApplication), typeof(LimitChangeRequest) })
        {
            var entity = builder.Entity(type).Metadata;
            var index = entity.GetIndexes().Single(i => i.Properties[0].Name == nameof(OnboardingApplication.RequestedLimit));
            entity.RemoveIndex(index);
        }
    }
}

/// <summary>The SQL Server flavour; migrations in Migrations/SqlServer.</summary>
public sealed class SqlServerOnboardingDbContext(DbContextOptions<SqlServerOnboardingDbContext> options) : OnboardingDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Code-point order, so that a term prefix is one index range (CustomerSearchTerm.UpperBound).
        builder.Entity<CustomerSearchTerm>().Property(t => t.Term).UseCollation("Latin1_General_100_BIN2");
    }
}

/// <summary>The PostgreSQL flavour; migrations in Migrations/PostgreSql.</summary>
public sealed class PostgreSqlOnboardingDbContext(DbContextOptions<PostgreSqlOnboardingDbContext> options) : OnboardingDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Code-point order, so that a term prefix is one index range (CustomerSearchTerm.UpperBound).
        builder.Entity<CustomerSearchTerm>().Property(t => t.Term).UseCollation("C");
    }
}
