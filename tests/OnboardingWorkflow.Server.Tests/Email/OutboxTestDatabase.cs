using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Engine.Time;
using OnboardingWorkflow.Server.Email;

namespace OnboardingWorkflow.Server.Tests.Email;

/// <summary>A migrated SQLite database in a temp file, with a manual clock, for outbox tests.</summary>
public sealed class OutboxTestDatabase : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "owf-outbox-" + Guid.NewGuid().ToString("N"));

    private OutboxTestDatabase()
    {
        Directory.CreateDirectory(_directory);
        ConnectionString = $"Data Source={Path.Combine(_directory, "outbox.db")};Pooling=False";
    }

    public string ConnectionString { get; }

    public ManualClock Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero));

    public static async Task<OutboxTestDatabase> CreateAsync()
    {
        var database = new OutboxTestDatabase();
        await using var db = database.NewContext();
        await DatabaseInitializer.MigrateAsync(db);
        return database;
    }

    /// <summary>A new context: one per unit of work or per dispatcher, as in the server.</summary>
    public OnboardingDbContext NewContext() =>
        new SqliteOnboardingDbContext(new DbContextOptionsBuilder<SqliteOnboardingDbContext>().UseSqlite(ConnectionString).Options);

    /// <summary>Enqueues and saves in one unit of work, as a workflow step would.</summary>
    public async Task EnqueueAsync(params EmailMessage[] messages)
    {
        await using var db = NewContext();
        var outbox = new EfEmailOutbox(db, Clock);
        foreach (var message in messages)
        {
            outbox.Enqueue(message);
        }

        await db.SaveChangesAsync();
    }

    public async Task<List<OutboxMessage>> AllAsync()
    {
        await using var db = NewContext();
        return await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync();
    }

    public async Task<OutboxMessage> SingleAsync()
    {
        var all = await AllAsync();
        return Assert.Single(all);
    }

    public async Task<OutboxDispatchResult> DispatchAsync(IEmailSender sender, SmtpOptions options, int? batchSize = null)
    {
        await using var db = NewContext();
        var dispatcher = new OutboxDispatcher(db, sender, Options.Create(options), Clock, NullLogger<OutboxDispatcher>.Instance);
        return await dispatcher.DispatchAsync(batchSize);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platform: the temp folder is cleaned up by the OS later.
        }

        return ValueTask.CompletedTask;
    }
}
