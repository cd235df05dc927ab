using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Server.Email;
using OnboardingWorkflow.Server.Tests.Email;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>The flow's e-mails reach a real SMTP server (maildev), addressed to the maker and written in their language.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class FlowEmailFacts(MaildevFixture maildev)
{
    [Fact]
    public async Task Each_maker_gets_the_rejection_in_the_language_kept_on_their_account()
    {
        await using var server = OnboardingServer.Start(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = maildev.SmtpHost,
            ["Smtp:Port"] = maildev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "Onboarding <onboarding@example.test>",
        });
        await server.SeedUsersAsync();
        using (var sally = await server.As(Users.Sally))
        {
            var chosen = await Http.Json(await sally.PutAsJsonAsync("/api/auth/me/culture", new { culture = "zh-CN" }), HttpStatusCode.OK);
            Assert.Equal("zh-CN", chosen.GetProperty("culture").GetString());
        }

        var flow = new Onboarding(server);
        var marker = "Mailcheck " + Guid.NewGuid().ToString("N")[..10];
        foreach (var maker in new[] { Users.Sally, Users.Sam })
        {
            var id = await flow.SubmitAsync(maker, Onboarding.Low, name: $"{marker} {maker[..3]}");
            await flow.CollectDocumentsAsync(maker, id, Onboarding.Low);
            await flow.ReviewAndDiligenceAsync(id, Onboarding.Low, new { forgedDocuments = true });
        }

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync();
            Assert.True(result.Sent >= 2, $"not everything was sent: {result}");
        }

        var arrived = await maildev.WaitForMessagesAsync(marker, count: 2);
        var chinese = Assert.Single(arrived, m => m.To.Single().Address == Users.Sally);
        Assert.Equal($"{marker} sal 的申请被拒绝", chinese.Subject);
        Assert.StartsWith($"{marker} sal（", chinese.Text);
        Assert.Contains("的准入申请被拒绝：", chinese.Text);
        var english = Assert.Single(arrived, m => m.To.Single().Address == Users.Sam);
        Assert.Equal($"Application for {marker} sam rejected", english.Subject);
        Assert.Contains("onboarding@example.test", english.From.Single().Address);
    }

    [Fact]
    public async Task A_language_the_product_does_not_speak_is_refused_with_the_ones_it_does()
    {
        await using var server = OnboardingServer.Start();
        await server.SeedUsersAsync();
        using var sally = await server.As(Users.Sally);

        var refused = await sally.PutAsJsonAsync("/api/auth/me/culture", new { culture = "fr-FR" });

        var problem = await Http.Problem(refused, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("en, zh-CN", problem.GetProperty("errors").GetProperty("culture")[0].GetString());
        var me = await Http.Json(await sally.GetAsync("/api/auth/me"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, me.GetProperty("culture").ValueKind);
    }
}
