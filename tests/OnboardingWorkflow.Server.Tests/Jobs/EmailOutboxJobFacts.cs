using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Server.Email;
using OnboardingWorkflow.Server.Jobs;
using OnboardingWorkflow.Server.Tests.Email;

namespace OnboardingWorkflow.Server.Tests.Jobs;

[Collection(MaildevCollection.Name)]
public sealed class EmailOutboxJobFacts(MaildevFixture maildev)
{
    [Fact]
    public async Task Run_SendsDueOutboxMessages_ThroughTheRegisteredDispatcher()
    {
        await using var db = await OutboxTestDatabase.CreateAsync();
        var subject = $"Job run {Guid.NewGuid():N}";
        await db.EnqueueAsync(new EmailMessage(["maker@example.test"], subject, "Decision recorded."));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(db.Clock)
            .AddSingleton(Options.Create(SmtpTestOptions.For(maildev.SmtpHost, maildev.SmtpPort)))
            .AddScoped(_ => db.NewContext())
            .AddScoped<IEmailSender, MailKitEmailSender>()
            .AddScoped<OutboxDispatcher>();
        await using var provider = services.BuildServiceProvider();

        var attempted = await new EmailOutboxJob(provider.GetRequiredService<IServiceScopeFactory>()).RunAsync(CancellationToken.None);

        Assert.Equal(1, attempted);
        Assert.Equal(OutboxStatus.Sent, (await db.SingleAsync()).Status);
        Assert.Equal("maker@example.test", Assert.Single(Assert.Single(await maildev.WaitForMessagesAsync(subject)).To).Address);
    }
}
