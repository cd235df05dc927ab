using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace OnboardingWorkflow.Data.Tests;

public sealed class AppendOnlyGuardTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public AppendOnlyGuardTests()
    {
        _connection.Open();
        using var db = CreateContext();
        db.Database.EnsureCreated();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task AddingAppendOnlyRows_IsAllowed()
    {
        await using var db = CreateContext();
        db.Add(new AuditProbe { Text = "first" });
        db.Add(new AuditProbe { Text = "second" });

        Assert.Equal(2, await db.SaveChangesAsync());
    }

    [Fact]
    public async Task ModifyingAnAppendOnlyRow_Throws_NamingTheEntity_AndWritesNothing()
    {
        var id = await AddAsync("original");
        await using var db = CreateContext();
        var row = await db.Set<AuditProbe>().SingleAsync(p => p.Id == id);
        row.Text = "rewritten";
        db.Add(new MutableProbe { Text = "saved with it" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains(nameof(AuditProbe), error.Message);
        Assert.Contains("modified", error.Message);
        await using var check = CreateContext();
        Assert.Equal("original", (await check.Set<AuditProbe>().SingleAsync(p => p.Id == id)).Text);
        Assert.Empty(check.Set<MutableProbe>());
    }

    [Fact]
    public async Task DeletingAnAppendOnlyRow_Throws_InSyncAndAsyncSaves()
    {
        var id = await AddAsync("evidence");
        await using var db = CreateContext();
        db.Remove(await db.Set<AuditProbe>().SingleAsync(p => p.Id == id));

        Assert.Contains("deleted", Assert.Throws<InvalidOperationException>(() => db.SaveChanges()).Message);
        Assert.Contains("deleted", (await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(CancellationToken.None))).Message);
        await using var check = CreateContext();
        Assert.True(await check.Set<AuditProbe>().AnyAsync(p => p.Id == id));
    }

    [Fact]
    public async Task AChangeFoundOnlyByChangeDetection_IsRefusedToo()
    {
        var id = await AddAsync("tracked");
        await using var db = CreateContext();
        var row = await db.Set<AuditProbe>().SingleAsync(p => p.Id == id);
        row.Text = "changed without telling the tracker";

        Assert.Throws<InvalidOperationException>(() => db.SaveChanges(acceptAllChangesOnSuccess: true));
    }

    [Fact]
    public async Task OtherEntities_CanStillBeChangedAndDeleted()
    {
        await using var db = CreateContext();
        var row = new MutableProbe { Text = "draft" };
        db.Add(row);
        await db.SaveChangesAsync();

        row.Text = "final";
        await db.SaveChangesAsync();
        db.Remove(row);
        await db.SaveChangesAsync();

        Assert.Empty(db.Set<MutableProbe>());
    }

    [Fact]
    public async Task SavedAppendOnlyRows_AreNoLongerTracked_OtherRowsStayTracked()
    {
        // A dashboard connection keeps its context for hours: every audit row it wrote used to stay in memory.
        await using var db = CreateContext();
        db.Add(new AuditProbe { Text = "read by someone" });
        db.Add(new MutableProbe { Text = "draft" });

        Assert.Equal(2, await db.SaveChangesAsync());

        Assert.Empty(db.ChangeTracker.Entries<AuditProbe>());
        Assert.Equal(EntityState.Unchanged, Assert.Single(db.ChangeTracker.Entries<MutableProbe>()).State);
        db.Add(new AuditProbe { Text = "second read" });
        Assert.Equal(1, db.SaveChanges());
        Assert.Empty(db.ChangeTracker.Entries<AuditProbe>());
        await using var check = CreateContext();
        Assert.Equal(2, await check.Set<AuditProbe>().CountAsync());
    }

    [Fact]
    public async Task ASaveThatDoesNotAcceptChanges_KeepsTheRowsForTheCallerToAccept()
    {
        await using var db = CreateContext();
        db.Add(new AuditProbe { Text = "in a larger unit of work" });

        await db.SaveChangesAsync(acceptAllChangesOnSuccess: false);

        Assert.Equal(EntityState.Added, Assert.Single(db.ChangeTracker.Entries<AuditProbe>()).State);
    }

    private async Task<int> AddAsync(string text)
    {
        await using var db = CreateContext();
        var row = new AuditProbe { Text = text };
        db.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private ProbeContext CreateContext() => new(new DbContextOptionsBuilder<ProbeContext>().UseSqlite(_connection).Options);

    public sealed class AuditProbe : IAppendOnly
    {
        public int Id { get; set; }
        public required string Text { get; set; }
    }

    public sealed class MutableProbe
    {
        public int Id { get; set; }
        public required string Text { get; set; }
    }

    /// <summary>The real context with two extra entities, one of them append-only.</summary>
    private sealed class ProbeContext(DbContextOptions<ProbeContext> options) : OnboardingDbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            base.OnModelCreating(builder);
            builder.Entity<AuditProbe>();
            builder.Entity<MutableProbe>();
        }
    }
}
