using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Web.Tests.Security;

/// <summary>
/// Approvals beyond what the approver may grant, tried in the task form. The authority matrix
/// routes an onboarding case by the requested amount, and an approval never exceeds the request,
/// so a credit manager cannot reach an exposure above her authority: above the request is refused
/// at the field, and a case above her authority goes to the committee, whose task she cannot decide.
/// What she types is never replaced by a bound (a typed -100,000 once became an approved limit of 0,
/// an unreadable amount an approval of the recommendation). A limit change is checked in the risk
/// tier it was routed with, so the analyst it was routed to can decide it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AuthorityProbeFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private static Ui Ui => Ui.English;

    [Fact]
    public Task A_credit_manager_cannot_approve_beyond_the_request_and_what_she_types_is_never_replaced_by_a_bound() => browser.RunAsync(server.BaseAddress, async session =>
    {
        // The medium profile asks for 300,000; the scorecard recommends 100,000 and sends it to a credit manager.
        var applicationId = await server.Onboarding.SubmitAsync(Users.Sally, Onboarding.Medium);
        await server.Onboarding.CollectDocumentsAsync(Users.Sally, applicationId, Onboarding.Medium);
        await server.Onboarding.ReviewAndDiligenceAsync(applicationId, Onboarding.Medium);
        var taskId = await server.Onboarding.TaskIdAsync(applicationId, "approveManager");
        var page = session.Page;
        await page.SignInAsync(Users.Mia);
        await page.GotoAsync($"/tasks/{Uri.EscapeDataString(taskId)}");
        await page.GetByRole(AriaRole.Radio, new() { Name = Ui.Task("Option.decision.approve"), Exact = true }).CheckAsync(new() { Force = true });
        var limit = page.GetByLabel(Ui.Task("Field.approvedLimit"));
        var reason = page.GetByLabel(Ui.Task("Field.limitReason"));
        var submit = page.GetByRole(AriaRole.Button, new() { Name = Ui.Task("Form.Submit") });
        var limitField = page.Locator("[data-field='approvedLimit']");

        await limit.FillAsync("-100000");
        await submit.ClickAsync();
        await Expect(limitField).ToContainTextAsync(Ui.Task("Problem.BelowMin", "0"));
        await Expect(limit).ToHaveValueAsync("-100000");

        await limit.FillAsync("1e30");
        await submit.ClickAsync();
        await Expect(limitField).ToContainTextAsync(Ui.Task("Problem.Unreadable"));

        // Above the recommendation needs a reason: said at the reason's field.
        await limit.FillAsync("250000");
        await submit.ClickAsync();
        await Expect(page.Locator("[data-field='limitReason']")).ToContainTextAsync("required when approvedLimit exceeds the recommendation of 100000");

        // With a reason, above the request: the cap that keeps her within the authority the case was routed by.
        await reason.FillAsync("Long relationship with the group.");
        await limit.FillAsync("1500000");
        await submit.ClickAsync();
        await Expect(limitField).ToContainTextAsync("must not exceed the requested limit of 300000");
        await Expect(page.GetByTestId("task-refusal")).ToBeVisibleAsync();
        await Probe.AssertNoFaultShownAsync(page);
        await page.SaveScreenshotAsync("probe-approval-beyond-the-request");

        var detail = await server.Onboarding.DetailAsync(applicationId);
        Assert.Equal("Approval", detail.GetProperty("application").GetProperty("stage").GetString());
        Assert.Contains(detail.GetProperty("waitingTasks").EnumerateArray(), t => t.GetProperty("id").GetString() == taskId);
        Assert.Equal(0, await server.Server.WithDbAsync(db => db.Set<CreditDecision>().CountAsync(d => d.ApplicationId == applicationId && d.Outcome == DecisionOutcome.Approve)));
    });

    [Fact]
    public Task A_case_above_a_managers_authority_goes_to_the_committee_and_the_manager_cannot_decide_it() => browser.RunAsync(server.BaseAddress, async session =>
    {
        // 1,500,000 is above a credit manager's authority (1,000,000): the matrix asks for two of three committee members.
        var applicationId = await server.Onboarding.SubmitAsync(Users.Sally, Onboarding.Medium with { RequestedLimit = 1_500_000 });
        await server.Onboarding.CollectDocumentsAsync(Users.Sally, applicationId, Onboarding.Medium);
        await server.Onboarding.ReviewAndDiligenceAsync(applicationId, Onboarding.Medium);
        // Above the site-visit threshold (500,000) an analyst visits first.
        await server.Onboarding.CompleteAsync(Users.Ana, applicationId, "siteVisit", new { variables = new { siteVisitOutcome = "satisfactory" } });
        var detail = await server.Onboarding.DetailAsync(applicationId);
        var waiting = detail.GetProperty("waitingTasks").EnumerateArray().ToList();
        Assert.All(waiting, t => Assert.Equal("approveCommittee", t.GetProperty("elementId").GetString()));
        var taskId = waiting[0].GetProperty("id").GetString()!;
        var page = session.Page;
        await page.SignInAsync(Users.Mia);

        await page.GotoAsync($"/tasks/{Uri.EscapeDataString(taskId)}");

        await Expect(page.GetByTestId("task-cannot-act")).ToContainTextAsync(Ui.Task("CannotAct.NotCandidate"));
        await Expect(page.GetByTestId("task-submit")).ToHaveCountAsync(0);
        var response = await page.APIRequest.PostAsync($"/api/tasks/{taskId}/complete",
            new() { DataObject = new { decision = "approve", variables = new { approvedLimit = 1_500_000 } } });
        Assert.Equal(403, response.Status);
        Assert.Equal("forbidden", JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal("Approval", (await server.Onboarding.DetailAsync(applicationId)).GetProperty("application").GetProperty("stage").GetString());
    });

    [Fact]
    public Task A_limit_change_routed_to_an_analyst_is_decided_by_the_analyst_in_the_tier_it_was_routed_with() => browser.RunAsync(server.BaseAddress, async session =>
    {
        // Onboarded in the medium tier with a limit of 50,000; the increase to 90,000 brings statements that
        // score low, so the matrix routes it to an analyst. Checked in the profile's medium tier instead, the
        // analyst was refused with insufficient_authority, even a rejection, and the task could not be decided.
        var applicationId = await server.Onboarding.SubmitAsync(Users.Sally, Onboarding.Medium);
        await server.Onboarding.CollectDocumentsAsync(Users.Sally, applicationId, Onboarding.Medium);
        await server.Onboarding.ReviewAndDiligenceAsync(applicationId, Onboarding.Medium);
        await server.Onboarding.CompleteAsync(Users.Mia, applicationId, "approveManager", new { decision = "approve", variables = new { approvedLimit = 50_000 } });
        await server.Onboarding.SignContractAsync(Users.Sally, applicationId);
        var customerId = (await server.Onboarding.DetailAsync(applicationId)).GetProperty("application").GetProperty("customerId").GetGuid();
        Guid changeId;
        using (var sally = await server.As(Users.Sally))
        {
            var response = await sally.PostAsJsonAsync($"/api/customers/{customerId}/limit-changes",
                new { kind = "Increase", requestedLimit = 90_000, reason = "more orders", statements = Onboarding.Low.Statements });
            changeId = (await Http.Json(response, System.Net.HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }

        var taskId = await server.Onboarding.LimitTaskIdAsync(changeId, "approveLimitAnalyst");
        var page = session.Page;
        await page.SignInAsync(Users.Alan);
        await page.GotoAsync($"/tasks/{Uri.EscapeDataString(taskId)}");
        await page.GetByRole(AriaRole.Radio, new() { Name = Ui.Task("Option.decision.approve"), Exact = true }).CheckAsync(new() { Force = true });
        await page.GetByLabel(Ui.Task("Form.Comment")).FillAsync("Fresh statements are strong.");

        await page.GetByRole(AriaRole.Button, new() { Name = Ui.Task("Form.Submit") }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", Navigation.Committed);
        await Expect(page.GetByText(Ui.Task("Complete.Done"))).ToBeVisibleAsync();
        var profile = await server.Server.WithDbAsync(db => db.Set<CreditProfile>().SingleAsync(p => p.CustomerId == customerId));
        Assert.Equal(("Medium", 90_000m), (profile.Tier, profile.CreditLimit));
    });
}
