using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Server.Email;

namespace OnboardingWorkflow.Server.Tests.Email;

/// <summary>The outbox end to end: SQLite in a temp file, MailKit, and a real SMTP server (maildev).</summary>
[Collection(MaildevCollection.Name)]
public sealed class OutboxDispatcherFacts(MaildevFixture maildev) : IAsyncLifetime
{
    private OutboxTestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await OutboxTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private SmtpOptions Maildev(int maxAttempts = 8) => SmtpTestOptions.For(maildev.SmtpHost, maildev.SmtpPort, maxAttempts);

    private static string Marker() => "owf-" + Guid.NewGuid().ToString("N")[..12];

    private static EmailMessage Message(string subject, string to = "analyst@example.test", IReadOnlyList<string>? cc = null) =>
        new([to], subject, "Please review the application.", "<p>Please review the application.</p>", "task-assigned", "app-42", cc);

    [Fact]
    public async Task Dispatch_DeliversMessageSavedWithUnitOfWork_WithItsRecipientsAndSubject()
    {
        var subject = $"Application waiting {Marker()}";
        await _db.EnqueueAsync(Message(subject, "credit.analyst@example.test", ["sales.maker@example.test"]));

        var result = await _db.DispatchAsync(SmtpTestOptions.Sender(Maildev()), Maildev());

        Assert.Equal(new OutboxDispatchResult(1, 0, 0, 0), result);
        var arrived = Assert.Single(await maildev.WaitForMessagesAsync(subject));
        Assert.Equal(subject, arrived.Subject);
        Assert.Equal("credit.analyst@example.test", Assert.Single(arrived.To).Address);
        Assert.Equal("sales.maker@example.test", Assert.Single(arrived.Cc ?? []).Address);
        Assert.Equal("onboarding@example.test", Assert.Single(arrived.From).Address);
        Assert.Contains("Please review the application.", arrived.Text);

        var row = await _db.SingleAsync();
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime, row.SentAt);
        Assert.Equal($"{row.Id:N}@example.test", row.SmtpMessageId);
        Assert.Null(row.LockId);
        Assert.Null(row.LastError);
    }

    [Fact]
    public async Task Dispatch_DoesNotSendAgain_MessageAlreadySent()
    {
        var subject = $"Once {Marker()}";
        await _db.EnqueueAsync(Message(subject));
        var sender = new CountingSender(SmtpTestOptions.Sender(Maildev()));

        await _db.DispatchAsync(sender, Maildev());
        _db.Clock.Advance(TimeSpan.FromHours(3));
        var second = await _db.DispatchAsync(sender, Maildev());

        Assert.Equal(0, second.Attempted);
        Assert.Equal(1, Assert.Single(sender.Sends).Value);
        Assert.Single(await maildev.WaitForMessagesAsync(subject));
    }

    [Fact]
    public async Task Dispatch_NeverSends_MessageOfUnitOfWorkThatWasNotSaved()
    {
        var abandoned = $"Abandoned {Marker()}";
        var rolledBack = $"Rolled back {Marker()}";
        var committed = $"Committed {Marker()}";

        // A unit of work that fails before SaveChanges: the context is dropped.
        await using (var db = _db.NewContext())
        {
            new EfEmailOutbox(db, _db.Clock).Enqueue(Message(abandoned));
        }

        // A unit of work saved inside a transaction that is then rolled back.
        await using (var db = _db.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            new EfEmailOutbox(db, _db.Clock).Enqueue(Message(rolledBack));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await _db.EnqueueAsync(Message(committed));

        var result = await _db.DispatchAsync(SmtpTestOptions.Sender(Maildev()), Maildev());

        Assert.Equal(1, result.Sent);
        Assert.Equal(committed, (await _db.SingleAsync()).Subject);
        Assert.Single(await maildev.WaitForMessagesAsync(committed));
        Assert.Empty(await maildev.MessagesAsync(abandoned));
        Assert.Empty(await maildev.MessagesAsync(rolledBack));
    }

    [Fact]
    public async Task Dispatch_KeepsMessagePendingWithBackOff_WhenServerIsDown_ThenSendsWhenItIsBack()
    {
        var subject = $"Outage {Marker()}";
        await _db.EnqueueAsync(Message(subject));
        var down = SmtpTestOptions.For("127.0.0.1", SmtpTestOptions.ClosedPort());
        var firstAttemptAt = _db.Clock.GetUtcNow().UtcDateTime;

        var failed = await _db.DispatchAsync(SmtpTestOptions.Sender(down), down);

        Assert.Equal(new OutboxDispatchResult(0, 1, 0, 0), failed);
        var row = await _db.SingleAsync();
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(firstAttemptAt.AddMinutes(1), row.NextAttemptAt);
        Assert.False(string.IsNullOrEmpty(row.LastError));
        Assert.Null(row.LockId);

        // Not due yet: nothing is tried, even with the server back.
        _db.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, (await _db.DispatchAsync(SmtpTestOptions.Sender(Maildev()), Maildev())).Attempted);
        Assert.Equal(1, (await _db.SingleAsync()).Attempts);

        _db.Clock.Advance(TimeSpan.FromSeconds(31));
        var retried = await _db.DispatchAsync(SmtpTestOptions.Sender(Maildev()), Maildev());

        Assert.Equal(1, retried.Sent);
        row = await _db.SingleAsync();
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(2, row.Attempts);
        Assert.Null(row.LastError);
        Assert.Single(await maildev.WaitForMessagesAsync(subject));
    }

    [Fact]
    public async Task Dispatch_DoublesTheWait_AndFailsAfterMaxAttempts()
    {
        await _db.EnqueueAsync(Message($"Never reachable {Marker()}"));
        var down = SmtpTestOptions.For("127.0.0.1", SmtpTestOptions.ClosedPort(), maxAttempts: 3);

        await _db.DispatchAsync(SmtpTestOptions.Sender(down), down);
        var afterFirst = await _db.SingleAsync();
        _db.Clock.AdvanceTo(new DateTimeOffset(afterFirst.NextAttemptAt, TimeSpan.Zero));
        await _db.DispatchAsync(SmtpTestOptions.Sender(down), down);
        var afterSecond = await _db.SingleAsync();
        _db.Clock.AdvanceTo(new DateTimeOffset(afterSecond.NextAttemptAt, TimeSpan.Zero));
        var third = await _db.DispatchAsync(SmtpTestOptions.Sender(down), down);

        Assert.Equal(TimeSpan.FromMinutes(2), afterSecond.NextAttemptAt - afterFirst.NextAttemptAt);
        Assert.Equal(OutboxStatus.Pending, afterSecond.Status);
        Assert.Equal(1, third.Failed);
        var row = await _db.SingleAsync();
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(3, row.Attempts);

        _db.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await _db.DispatchAsync(SmtpTestOptions.Sender(down), down)).Attempted);
    }

    [Fact]
    public async Task Dispatch_MarksFailedAtOnce_WhenServerRejectsRecipientWith550_AndNeverRetries()
    {
        await using var server = new FakeSmtpServer("550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown");
        var rejecting = SmtpTestOptions.For("127.0.0.1", server.Port);
        await _db.EnqueueAsync(Message($"Bad recipient {Marker()}", "nobody@example.test"));

        var result = await _db.DispatchAsync(SmtpTestOptions.Sender(rejecting), rejecting);

        Assert.Equal(new OutboxDispatchResult(0, 0, 1, 0), result);
        var row = await _db.SingleAsync();
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("550", row.LastError);
        Assert.Contains("nobody@example.test", row.LastError);
        Assert.Equal(1, server.RecipientCommands);

        _db.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, (await _db.DispatchAsync(SmtpTestOptions.Sender(rejecting), rejecting)).Attempted);
        Assert.Equal(1, server.RecipientCommands);
    }

    [Fact]
    public async Task Dispatch_RetriesLater_WhenServerAnswers4xx()
    {
        await using var server = new FakeSmtpServer("451 4.3.0 Mailbox temporarily unavailable, try again later");
        var busy = SmtpTestOptions.For("127.0.0.1", server.Port);
        await _db.EnqueueAsync(Message($"Greylisted {Marker()}"));

        var result = await _db.DispatchAsync(SmtpTestOptions.Sender(busy), busy);

        Assert.Equal(1, result.Retrying);
        var row = await _db.SingleAsync();
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("451", row.LastError);
    }

    [Fact]
    public async Task Dispatch_MarksFailed_WhenAnAddressCannotBeParsed()
    {
        await _db.EnqueueAsync(Message($"Unparsable {Marker()}", "not an address <<"));

        var result = await _db.DispatchAsync(SmtpTestOptions.Sender(Maildev()), Maildev());

        Assert.Equal(1, result.Failed);
        Assert.Equal(OutboxStatus.Failed, (await _db.SingleAsync()).Status);
    }

    [Fact]
    public async Task SecondDispatcher_LeavesMessageAlone_WhileFirstIsSendingIt()
    {
        var subject = $"Claimed {Marker()}";
        await _db.EnqueueAsync(Message(subject));
        var gated = new GatedSender(SmtpTestOptions.Sender(Maildev()));
        var counting = new CountingSender(gated);

        var first = _db.DispatchAsync(counting, Maildev());
        await gated.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await _db.DispatchAsync(counting, Maildev());
        gated.Release();
        var firstResult = await first;

        Assert.Equal(0, second.Attempted);
        Assert.Equal(1, firstResult.Sent);
        Assert.Equal(1, Assert.Single(counting.Sends).Value);
        Assert.Single(await maildev.WaitForMessagesAsync(subject));
    }

    [Fact]
    public async Task TwoDispatchersAtOnce_SendEveryMessageExactlyOnce()
    {
        var marker = Marker();
        const int count = 24;
        await _db.EnqueueAsync(Enumerable.Range(1, count).Select(i => Message($"Race {i:00} {marker}")).ToArray());
        var counting = new CountingSender(SmtpTestOptions.Sender(Maildev()));
        var otherCounting = new CountingSender(SmtpTestOptions.Sender(Maildev()));

        var results = await Task.WhenAll(
            Task.Run(() => _db.DispatchAsync(counting, Maildev())),
            Task.Run(() => _db.DispatchAsync(otherCounting, Maildev())));

        Assert.Equal(count, results.Sum(r => r.Sent));
        var sends = counting.Sends.Concat(otherCounting.Sends).GroupBy(s => s.Key).ToList();
        Assert.Equal(count, sends.Count);
        Assert.All(sends, g => Assert.Equal(1, g.Sum(s => s.Value)));
        Assert.All(await _db.AllAsync(), row => Assert.Equal((OutboxStatus.Sent, 1), (row.Status, row.Attempts)));
        var arrived = await maildev.WaitForMessagesAsync(marker, count);
        Assert.Equal(count, arrived.Count);
        Assert.Equal(count, arrived.Select(m => m.Subject).Distinct().Count());
    }

    [Fact]
    public async Task Dispatch_TakesOverMessage_WhoseClaimExpired()
    {
        var subject = $"Crashed holder {Marker()}";
        await _db.EnqueueAsync(Message(subject));
        await using (var db = _db.NewContext())
        {
            // A dispatcher that claimed the message and died before recording anything.
            var row = db.Set<OutboxMessage>().Single();
            row.LockId = Guid.NewGuid();
            row.LockedUntil = _db.Clock.GetUtcNow().UtcDateTime.AddMinutes(5);
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, (await _db.DispatchAsync(SmtpTestOptions.Sender(Maildev()), Maildev())).Attempted);
        _db.Clock.Advance(TimeSpan.FromMinutes(6));
        var result = await _db.DispatchAsync(SmtpTestOptions.Sender(Maildev()), Maildev());

        Assert.Equal(1, result.Sent);
        Assert.Single(await maildev.WaitForMessagesAsync(subject));
    }
}
