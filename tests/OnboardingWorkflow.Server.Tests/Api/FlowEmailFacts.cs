using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Server.Email;
using OnboardingWorkflow.Server.Tests.Email;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>The flow's e-mails reach a real SMTP server (maildev), addressed to the maker.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class FlowEmailFacts(MaildevFixture maildev)
{
    [Fact]
    public async Task A_rejection_reaches_the_makers_mailbox_through_the_outbox()
    {
        await using var server = OnboardingServer.Start(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = maildev.SmtpHost,
            ["Smtp:Port"] = maildev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "Onboarding <onboarding@example.test>",
        });
        await server.SeedUsersAsync();
        var flow = new Onboarding(server);
        var company = "Mailcheck " + Guid.NewGuid().ToString("N")[..10];
        var id = await flow.SubmitAsync(Users.Sally, Onboarding.Low, name: company);
        await flow.CollectDocumentsAsync(Users.Sally, id, Onboarding.Low);
        await flow.ReviewAndDiligenceAsync(id, Onboarding.Low, new { forgedDocuments = true });

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync();
            Assert.True(result.Sent >= 1, $"nothing was sent: {result}");
        }

        var arrived = await maildev.WaitForMessagesAsync(company);
        var rejection = Assert.Single(arrived, m => m.Subject!.Contains("rejected", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Users.Sally, Assert.Single(rejection.To).Address);
        Assert.Contains("onboarding@example.test", rejection.From.Single().Address);
    }
}
