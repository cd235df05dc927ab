using System.Net;
using System.Net.Http.Json;

namespace OnboardingWorkflow.Web.Tests.Journeys;

/// <summary>
/// What the dashboard refuses, shown as a message on the page where the person acted, with nothing
/// changed: a maker deciding their own case (even holding the approver's role) and an analyst
/// verifying a document that has expired.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RefusalFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Fact]
    public Task A_maker_who_is_also_a_credit_manager_cannot_approve_their_own_case() => browser.RunAsync(server.BaseAddress, async session =>
    {
        // One person with both roles: the four-eyes rule, not the role, must stop them.
        var morgan = "morgan." + Guid.NewGuid().ToString("N")[..6] + "@owf.test";
        using (var admin = await server.As(Users.Admin))
        {
            await Http.Ensure(await admin.PostAsJsonAsync("/api/users", new { email = morgan, password = OnboardingServer.Password, roles = new[] { "Sales", "CreditManager" } }),
                HttpStatusCode.Created);
        }

        var applicationId = await server.Onboarding.SubmitAsync(morgan, Onboarding.Medium);
        await server.Onboarding.CollectDocumentsAsync(morgan, applicationId, Onboarding.Medium);
        await server.Onboarding.ReviewAndDiligenceAsync(applicationId, Onboarding.Medium);
        var taskId = await server.Onboarding.TaskIdAsync(applicationId, "approveManager");
        var page = session.Page;
        await page.SignInAsync(morgan);

        await page.GotoAsync($"/tasks/{Uri.EscapeDataString(taskId)}");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Approve", Exact = true }).CheckAsync(new() { Force = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete the task" }).ClickAsync();

        await Expect(page.GetByTestId("task-refusal")).ToContainTextAsync("maker");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("task-refused-maker");
        var detail = await server.Onboarding.DetailAsync(applicationId);
        Assert.Equal("Approval", detail.GetProperty("application").GetProperty("stage").GetString());
        Assert.Contains(detail.GetProperty("waitingTasks").EnumerateArray(), t => t.GetProperty("id").GetString() == taskId);
    });

    [Fact]
    public Task An_analyst_cannot_verify_an_expired_document() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var name = "Lapsed Trading " + Guid.NewGuid().ToString("N")[..6];
        var applicationId = await server.Onboarding.SubmitAsync(Users.Sam, Onboarding.Low, name);
        using (var sales = await server.As(Users.Sam))
        {
            await Http.Ensure(await sales.PostAsync($"/api/applications/{applicationId}/documents",
                Onboarding.Upload("BusinessLicence", Onboarding.Pdf, fileName: "old-licence.pdf", expiry: "2024-06-30")), HttpStatusCode.Created);
        }

        await server.Onboarding.CollectDocumentsAsync(Users.Sam, applicationId, Onboarding.Low);
        var taskId = await server.Onboarding.TaskIdAsync(applicationId, "reviewDocuments");
        var page = session.Page;
        await page.SignInAsync(Users.Ana);

        await page.GotoAsync($"/tasks/{Uri.EscapeDataString(taskId)}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Documents" }).ClickAsync();
        var expired = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "old-licence.pdf" });
        await Expect(expired).ToContainTextAsync(Ui.English.Task("Expiry.Expired"));
        await expired.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("task-refusal")).ToContainTextAsync("2024-06-30");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("task-refused-expired-document");
        var detail = await server.Onboarding.DetailAsync(applicationId);
        var document = detail.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("fileName").GetString() == "old-licence.pdf");
        Assert.Equal("Pending", document.GetProperty("verification").GetString());
    });
}
