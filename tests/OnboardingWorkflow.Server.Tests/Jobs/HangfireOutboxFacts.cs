using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Server.Tests.Email;

namespace OnboardingWorkflow.Server.Tests.Jobs;

/// <summary>The whole chain in the running server: outbox in a unit of work, Hangfire's recurring job, MailKit, maildev.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class HangfireOutboxFacts(MaildevFixture maildev)
{
    [Fact]
    public async Task Server_SendsMessageSavedWithUnitOfWork_FromItsRecurringOutboxJob()
    {
        await using var factory = new JobsServerFactory(new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "true",
            ["Jobs:WorkflowTimers"] = "false",
            ["Jobs:EmailOutboxCron"] = "* * * * * *",
            ["Smtp:Host"] = maildev.SmtpHost,
            ["Smtp:Port"] = maildev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "Onboarding <onboarding@example.test>",
        });
        _ = factory.Server;
        var subject = $"From the job {Guid.NewGuid():N}";

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(new EmailMessage(["sales.maker@example.test"], subject, "Your application was approved."));
            await scope.ServiceProvider.GetRequiredService<OnboardingDbContext>().SaveChangesAsync();
        }

        var arrived = await WaitAsync(() => maildev.MessagesAsync(subject), TimeSpan.FromSeconds(20));

        Assert.Equal("sales.maker@example.test", Assert.Single(Assert.Single(arrived).To).Address);
        await using var check = factory.Services.CreateAsyncScope();
        var row = await check.ServiceProvider.GetRequiredService<OnboardingDbContext>().Set<OutboxMessage>().AsNoTracking().SingleAsync();
        Assert.Equal(OutboxStatus.Sent, row.Status);
    }

    private static async Task<IReadOnlyList<MaildevEmail>> WaitAsync(Func<Task<IReadOnlyList<MaildevEmail>>> read, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var messages = await read();
            if (messages.Count > 0 || DateTime.UtcNow > deadline)
            {
                return messages;
            }

            await Task.Delay(250);
        }
    }
}
