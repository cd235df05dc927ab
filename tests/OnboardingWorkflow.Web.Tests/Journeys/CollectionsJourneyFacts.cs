using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Remediation;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;

namespace OnboardingWorkflow.Web.Tests.Journeys;

/// <summary>
/// Life after activation in the browser: an importer uploads a receivables CSV that makes a
/// customer overdue and reads the per-row report; the daily escalation puts the customer on hold;
/// the credit manager reads the ageing and the hold on the customer's file, then releases the hold
/// from the holds page with a reason, and the file, the API and the audit trail all show it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CollectionsJourneyFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Fact]
    public Task An_upload_makes_a_customer_overdue_and_the_credit_manager_releases_the_hold_with_a_reason() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var ui = Ui.English;
        var collections = server.Collections;
        var customer = await collections.AddCustomerAsync("Journey Overdue Trading " + Guid.NewGuid().ToString("N")[..6], limit: 5_000m);
        var csv = Path.Combine(Path.GetTempPath(), $"receivables-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, Collections.Csv(
            collections.Invoice(customer, "J-INV-1", 3000m, daysPastDue: 40),
            collections.Invoice(customer, "J-INV-2", 1000m, daysPastDue: -10),
            collections.Invoice(customer, "J-INV-3", 10m, daysPastDue: 5).Replace(customer.RegistrationNumber, "NO-SUCH-CUSTOMER", StringComparison.Ordinal)));
        var page = session.Page;

        // The importer (an admin) uploads the file from the dashboard; the report says what became of each row.
        await page.SignInAsync(Users.Admin);
        await page.GetByRole(AriaRole.Link, new() { Name = ui.Credit("Nav.ReceivablesImport"), Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ui.Credit("Upload.Title"), Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel(ui.Credit("Upload.File"), new() { Exact = true }).SetInputFilesAsync(csv);
        await page.GetByRole(AriaRole.Button, new() { Name = ui.Credit("Upload.Send"), Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("import-counts")).ToHaveTextAsync(ui.Credit("Upload.Counts", 3, 2, 0, 1));
        var refused = page.GetByTestId("import-rows").GetByRole(AriaRole.Row).Filter(new() { HasText = "J-INV-3" });
        await Expect(refused).ToContainTextAsync(ui.Credit("Outcome.refused"));
        await Expect(refused).ToContainTextAsync(ui.Credit("Code.unknown_customer"));
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("journey-receivables-upload");

        // The same file again changes nothing.
        await page.GetByLabel(ui.Credit("Upload.File"), new() { Exact = true }).SetInputFilesAsync(csv);
        await page.GetByRole(AriaRole.Button, new() { Name = ui.Credit("Upload.Send"), Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("import-counts")).ToHaveTextAsync(ui.Credit("Upload.Counts", 3, 0, 2, 1));

        // The daily escalation: 40 days past due is level 3, a credit hold.
        await collections.RunEscalationAsync();

        // The credit manager reads the ageing and the hold on the customer's file.
        await session.Context.ClearCookiesAsync();
        await page.SignInAsync(Users.Mia);
        await page.GotoAsync($"/customers/{customer.Id}");
        var ageing = page.GetByTestId("ageing-table");
        await Expect(ageing.GetByRole(AriaRole.Row).Filter(new() { HasText = ui.Credit("Bucket.31-60") })).ToContainTextAsync(ui.Amount(3000m));
        await Expect(ageing.GetByRole(AriaRole.Row).Filter(new() { HasText = ui.Credit("Bucket.current") })).ToContainTextAsync(ui.Amount(1000m));
        await Expect(page.GetByTestId("exposure-table").GetByRole(AriaRole.Row).Filter(new() { HasText = ui.Credit("Exposure.Exposure") }))
            .ToContainTextAsync(ui.Amount(4000m));
        await Expect(page.GetByTestId("open-items")).ToContainTextAsync("J-INV-1");
        await Expect(page.GetByTestId("on-hold")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("holds-in-force")).ToContainTextAsync(ui.Credit("HoldSource.Dunning"));
        await Expect(page.GetByTestId("letters")).ToContainTextAsync(ui.Credit("LetterKind.HoldPlaced"));
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("journey-customer-on-hold");

        // The holds page lists it; the release needs a reason.
        await page.GetByRole(AriaRole.Link, new() { Name = ui.Credit("Nav.Holds"), Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ui.Credit("HoldsPage.Title"), Level = 1 })).ToBeVisibleAsync();
        var row = page.GetByTestId("holds").GetByRole(AriaRole.Row).Filter(new() { HasText = customer.Name });
        await row.GetByRole(AriaRole.Button, new() { Name = ui.Credit("Holds.Release") }).ClickAsync();
        var form = page.GetByRole(AriaRole.Region, new() { Name = ui.Credit("Release.Title", customer.Name) });
        await Expect(form).ToContainTextAsync(ui.Credit("Release.CaseNote"));
        await form.GetByRole(AriaRole.Button, new() { Name = ui.Credit("Release.Submit"), Exact = true }).ClickAsync();
        await Expect(form).ToContainTextAsync("is required");
        Assert.True((await collections.HoldsAsync(customer.Id))[0].GetProperty("inForce").GetBoolean());
        await form.GetByLabel(ui.Credit("Release.Reason")).FillAsync("Paid by bank transfer today; remittance seen");
        await form.GetByRole(AriaRole.Button, new() { Name = ui.Credit("Release.Submit"), Exact = true }).ClickAsync();
        await Expect(page.GetByText(ui.Credit("Release.Done"))).ToBeVisibleAsync();
        await Expect(page.GetByTestId("holds").GetByRole(AriaRole.Row).Filter(new() { HasText = customer.Name })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("journey-hold-released");

        // The file shows the release in the history; the API and the audit trail agree.
        await page.GotoAsync($"/customers/{customer.Id}");
        await Expect(page.GetByTestId("no-hold")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("holds-history")).ToContainTextAsync("Paid by bank transfer today; remittance seen");
        await Expect(page.GetByTestId("holds-history")).ToContainTextAsync(Users.Mia);
        var hold = (await collections.HoldsAsync(customer.Id))[0];
        Assert.False(hold.GetProperty("inForce").GetBoolean());
        var caseId = hold.GetProperty("caseId").GetGuid().ToString();
        var actions = await server.Server.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(a => a.CustomerId == customer.Id && a.Actor == Users.Mia).Select(a => a.Action + " " + a.EntityId).ToListAsync());
        Assert.Contains($"dunning.hold-released-by-hand {caseId}", actions);
        Assert.Contains($"credit-hold.released {hold.GetProperty("id").GetGuid()}", actions);

        // Word of a lawsuit: the credit manager holds the account by hand, with a reason.
        await page.GetByTestId("place-hold").ClickAsync();
        var placing = page.GetByRole(AriaRole.Region, new() { Name = ui.Credit("Place.Title", customer.Name) });
        await placing.GetByRole(AriaRole.Button, new() { Name = ui.Credit("Place.Submit"), Exact = true }).ClickAsync();
        await Expect(placing).ToContainTextAsync("is required");
        await placing.GetByLabel(ui.Credit("Place.Reason")).FillAsync("Court summons reported by the bank");
        await placing.GetByRole(AriaRole.Button, new() { Name = ui.Credit("Place.Submit"), Exact = true }).ClickAsync();
        await Expect(page.GetByText(ui.Credit("Place.Done"))).ToBeVisibleAsync();
        await Expect(page.GetByTestId("holds-in-force")).ToContainTextAsync("Court summons reported by the bank");
        await Expect(page.GetByTestId("holds-in-force")).ToContainTextAsync(ui.Credit("HoldSource.Manual"));
        await Expect(page.GetByTestId("place-hold")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
        var manual = (await collections.HoldsAsync(customer.Id)).EnumerateArray().Single(h => h.GetProperty("inForce").GetBoolean());
        Assert.Equal(("Manual", Users.Mia), (manual.GetProperty("source").GetString(), manual.GetProperty("placedBy").GetString()));
        File.Delete(csv);
    });

    [Fact]
    public Task The_account_owner_sets_the_language_of_letters_on_the_file_in_Chinese() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var ui = Ui.Chinese;
        var customer = await server.Collections.AddCustomerAsync("Language Trading " + Guid.NewGuid().ToString("N")[..6]);
        var page = session.Page;
        await page.SignInAsync(Users.Sally, ui);

        await page.GotoAsync($"/customers/{customer.Id}");
        await page.GetByTestId("language-select").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = ui.Credit("Language.zh-CN") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = ui.Credit("Language.Save"), Exact = true }).ClickAsync();

        await Expect(page.GetByText(ui.Credit("Language.Saved"))).ToBeVisibleAsync();
        var language = await server.Server.WithDbAsync(db => db.Set<Customer>().AsNoTracking().Where(c => c.Id == customer.Id).Select(c => c.Language).SingleAsync());
        Assert.Equal("zh-CN", language);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = ui.Credit("Language.Save"), Exact = true })).ToBeDisabledAsync();
        await page.AssertAccessibleAsync();
    }, BrowserFixture.Chinese);
    [Fact]
    public Task A_credit_manager_opens_a_remediation_case_and_writes_its_payment_plan_on_the_file() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var ui = Ui.English;
        var collections = server.Collections;
        var customer = await collections.AddCustomerAsync("Journey Remedy Trading " + Guid.NewGuid().ToString("N")[..6]);
        await collections.ImportAsync(collections.Invoice(customer, $"R-{customer.Id:N}", 1000m, daysPastDue: 10));
        var page = session.Page;
        await page.SignInAsync(Users.Mia);
        await page.GotoAsync($"/customers/{customer.Id}");

        await page.GetByTestId("remediation-reason").FillAsync("Collections failed; the buyer asks for time");
        await page.GetByRole(AriaRole.Button, new() { Name = ui.Credit("Remediation.OpenSubmit"), Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("remediation-stage")).ToHaveTextAsync(ui.Credit("RemediationStage.Collection"));
        var form = page.GetByTestId("plan-form");
        await Expect(form).ToBeVisibleAsync();

        // Two instalments that come to more than the debt: refused, with the reason, and nothing is proposed.
        await page.GetByRole(AriaRole.Button, new() { Name = ui.Credit("Remediation.AddInstalment"), Exact = true }).ClickAsync();
        var dates = form.GetByLabel(ui.Credit("Remediation.DueDate"));
        var amounts = form.GetByLabel(ui.Credit("Remediation.Amount"));
        var today = collections.Today;
        await dates.Nth(0).FillAsync(ui.Date(today.AddDays(30)));
        await dates.Nth(0).PressAsync("Tab");
        await amounts.Nth(0).FillAsync("400");
        await dates.Nth(1).FillAsync(ui.Date(today.AddDays(60)));
        await dates.Nth(1).PressAsync("Tab");
        await amounts.Nth(1).FillAsync("700");
        await page.GetByTestId("plan-submit").ClickAsync();
        await Expect(page.GetByTestId("plan-refusal")).ToBeVisibleAsync();
        Assert.Null(await PlanOfAsync(customer.Id));

        // The corrected plan is proposed and shown; the decision task then fixes it.
        await amounts.Nth(1).FillAsync("600");
        await page.GetByTestId("plan-submit").ClickAsync();
        await Expect(page.GetByText(ui.Credit("Remediation.PlanDone"))).ToBeVisibleAsync();
        await Expect(page.GetByTestId("instalments").GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("instalments")).ToContainTextAsync(ui.Amount(600m));
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("journey-remediation-plan");
        var proposed = await PlanOfAsync(customer.Id);
        Assert.NotNull(proposed);
        Assert.Contains("60000", proposed);

        // The decision fixes the plan; its agreement letter is in the file's archive and reads as it was sent.
        using (var mia = await server.As(Users.Mia))
        {
            var decision = await server.Server.WithDbAsync(db => db.Set<WorkflowTaskEntity>().AsNoTracking()
                .SingleAsync(t => t.BusinessKey == customer.Id.ToString() && t.ElementId == RemediationProcess.Tasks.Decide && t.Status == "Open"));
            var decided = await mia.PostAsJsonAsync($"/api/tasks/{decision.Id}/complete", new { variables = new { option = "paymentPlan" } });
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        await page.ReloadAsync();
        await page.GetByTestId("remediation-letters").GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByTestId("letter-kind")).ToHaveTextAsync(ui.Credit("RemediationLetter.PlanAgreement"));
        await Expect(page.GetByTestId("letter-body")).ToContainTextAsync(customer.Name);
        await Expect(page.GetByTestId("letter-body")).ToContainTextAsync(ui.Amount(600m));
        await page.AssertAccessibleAsync();
    });

    private Task<string?> PlanOfAsync(Guid customerId) =>
        server.Server.WithDbAsync(db => db.Set<RemediationCase>().AsNoTracking().Where(c => c.CustomerId == customerId).Select(c => c.ProposedPlanJson).SingleOrDefaultAsync());
}
