using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Email;

namespace OnboardingWorkflow.Server.Tests.Email;

public sealed class EfEmailOutboxFacts : IAsyncLifetime
{
    private OutboxTestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await OutboxTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Enqueue_AddsToContext_WithoutSaving()
    {
        await using var db = _db.NewContext();
        new EfEmailOutbox(db, _db.Clock).Enqueue(new EmailMessage(["a@example.test", "\"Doe, Jane\" <jane@example.test>"], "Hello", "Body", Category: "decision", CorrelationId: "app-7"));

        var added = Assert.Single(db.ChangeTracker.Entries<OutboxMessage>());
        Assert.Equal(EntityState.Added, added.State);
        Assert.Empty(await _db.AllAsync());

        await db.SaveChangesAsync();
        var row = await _db.SingleAsync();
        Assert.Equal("a@example.test, \"Doe, Jane\" <jane@example.test>", row.To);
        Assert.Equal((OutboxStatus.Pending, 0, "decision", "app-7"), (row.Status, row.Attempts, row.Category, row.CorrelationId));
        Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime, row.NextAttemptAt);
        Assert.Equal(DateTimeKind.Utc, row.CreatedAt.Kind);
    }

    [Fact]
    public async Task Enqueue_StoresStatusAsText()
    {
        await _db.EnqueueAsync(new EmailMessage(["a@example.test"], "Hello", "Body"));

        await using var db = _db.NewContext();
        var status = await db.Database.SqlQueryRaw<string>("SELECT \"Status\" AS \"Value\" FROM \"EmailOutbox\"").SingleAsync();
        Assert.Equal("Pending", status);
    }

    [Fact]
    public async Task Enqueue_Throws_WithoutRecipientOrSubject()
    {
        await using var db = _db.NewContext();
        var outbox = new EfEmailOutbox(db, _db.Clock);

        Assert.Throws<ArgumentException>(() => outbox.Enqueue(new EmailMessage([], "Hello", "Body")));
        Assert.Throws<ArgumentException>(() => outbox.Enqueue(new EmailMessage(["a@example.test", " "], "Hello", "Body")));
        Assert.Throws<ArgumentException>(() => outbox.Enqueue(new EmailMessage(["a@example.test"], " ", "Body")));
        Assert.Empty(db.ChangeTracker.Entries<OutboxMessage>());
    }
}
