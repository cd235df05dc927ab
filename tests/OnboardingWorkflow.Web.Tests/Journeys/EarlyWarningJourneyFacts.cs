using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Web.Tests.Journeys;

/// <summary>
/// Early warning in the browser: a customer's orders triple, the morning's early warning raises an
/// order-surge alert that asks for a review, and the review run opens it. The credit manager finds
/// the alert on the alerts page and on the customer's file with its evidence in words and figures
/// and what the policy did, acknowledges it with a comment (refused without one), and finds the
/// triggered review on the reviews page, waiting for statements, with its cause.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EarlyWarningJourneyFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    /// <summary>The surging customer of each server; the morning's jobs run once per day and database.</summary>
    private static readonly ConcurrentDictionary<Uri, Lazy<Task<Customer>>> Surging = new();

    private Task<Customer> SurgingAsync() =>
        Surging.GetOrAdd(server.BaseAddress, _ => new Lazy<Task<Customer>>(async () =>
        {
            var customer = await server.EarlyWarnings.SurgingCustomerAsync("Surge Trading " + Guid.NewGuid().ToString("N")[..6]);
            await server.EarlyWarnings.RunMorningJobsAsync();
            return customer;
        })).Value;

    [Fact]
    public Task An_order_surge_alert_shows_with_its_evidence_the_credit_manager_acknowledges_it_and_the_triggered_review_waits_for_statements() =>
        browser.RunAsync(server.BaseAddress, async session =>
        {
            var ui = Ui.English;
            var customer = await SurgingAsync();
            var alert = Assert.Single(await server.EarlyWarnings.AlertsAsync(customer.Id));
            var indicator = ui.Watch("Indicator.OrderVolumeSurge");
            var page = session.Page;
            await page.SignInAsync(Users.Mia);

            // The alerts page, narrowed to the customer: the alert in words, its figures, and the review it asked for.
            await page.GetByRole(AriaRole.Link, new() { Name = ui.Watch("Nav.Alerts"), Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ui.Watch("AlertsPage.Title"), Level = 1 })).ToBeVisibleAsync();
            await page.GetByLabel(ui.Watch("Filters.Customer")).FillAsync(customer.Name);
            var alerts = page.GetByTestId("alerts");
            await Expect(page.GetByTestId("total")).ToHaveTextAsync(ui.Watch("List.Total", 1));
            var row = alerts.GetByRole(AriaRole.Row).Filter(new() { HasText = customer.Name });
            await Expect(row).ToContainTextAsync(indicator);
            await Expect(row.GetByTestId("alert-level")).ToHaveTextAsync(ui.Watch("Level.Alert"));
            var sentence = ui.Watch("Evidence.Sentence", indicator, "+200%", ui.Date(alert.PeriodStart), ui.Date(alert.PeriodEnd), ui.Watch("Level.Alert"), "+100%");
            await Expect(row.GetByTestId("alert-sentence")).ToHaveTextAsync(sentence);
            await row.GetByText(ui.Watch("Evidence.Figures")).ClickAsync();
            var figures = row.GetByTestId("alert-figures");
            await Expect(Figure(figures, ui.Watch("Figure.ordersThisPeriod"))).ToHaveTextAsync(ui.Amount(30_000m));
            await Expect(Figure(figures, ui.Watch("Figure.ordersPreviousPeriod"))).ToHaveTextAsync(ui.Amount(10_000m));
            await Expect(Figure(figures, ui.Watch("Figure.thisPeriodTo"))).ToHaveTextAsync(ui.Date(alert.RaisedOn));
            await Expect(row.GetByTestId("alert-action")).ToContainTextAsync(ui.Watch("Action.Review"));
            var review = await server.Server.WithDbAsync(db => db.Set<ReviewCase>().AsNoTracking().SingleAsync(r => r.CustomerId == customer.Id));
            await Expect(row.GetByRole(AriaRole.Link, new() { Name = ui.Watch("FollowUp.OpenReview") })).ToHaveAttributeAsync("href", $"/instances/{review.InstanceId}");
            await page.AssertAccessibleAsync();
            await page.SaveScreenshotAsync("journey-alerts");

            // The same alert on the customer's file, beside the review it opened.
            await row.GetByRole(AriaRole.Link, new() { Name = customer.Name }).ClickAsync();
            var section = page.GetByTestId("customer-alerts");
            await Expect(section.GetByTestId("alert-sentence")).ToHaveTextAsync(sentence);
            await Expect(page.GetByTestId("customer-reviews")).ToContainTextAsync(ui.Watch("ReviewStatus.Running"));
            await page.AssertAccessibleAsync();
            await page.SaveScreenshotAsync("journey-customer-alerts");

            // Acknowledging needs a comment; with one it is kept with the alert and in the audit trail.
            await page.GetByRole(AriaRole.Link, new() { Name = ui.Watch("Nav.Alerts"), Exact = true }).ClickAsync();
            await row.GetByRole(AriaRole.Button, new() { Name = ui.Watch("Alerts.AcknowledgeFor", indicator, customer.Name) }).ClickAsync();
            var form = page.GetByRole(AriaRole.Region, new() { Name = ui.Watch("Ack.Title", customer.Name) });
            await form.GetByRole(AriaRole.Button, new() { Name = ui.Watch("Ack.Submit"), Exact = true }).ClickAsync();
            await Expect(form).ToContainTextAsync("is required");
            Assert.Equal(AlertStatus.Open, Assert.Single(await server.EarlyWarnings.AlertsAsync(customer.Id)).Status);
            await form.GetByLabel(ui.Watch("Ack.Comment")).FillAsync("Called the buyer: a seasonal order, confirmed by the bank");
            await form.GetByRole(AriaRole.Button, new() { Name = ui.Watch("Ack.Submit"), Exact = true }).ClickAsync();
            await Expect(page.GetByText(ui.Watch("Ack.Done"))).ToBeVisibleAsync();
            await Expect(page.GetByTestId("total")).ToHaveTextAsync(ui.Watch("List.Total", 0));
            await page.GetByTestId("status-filter").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = ui.Watch("Status.Acknowledged") }).ClickAsync();
            await Expect(row.GetByTestId("alert-status")).ToContainTextAsync("Called the buyer: a seasonal order, confirmed by the bank");
            await Expect(row.GetByTestId("alert-status")).ToContainTextAsync(Users.Mia);
            var stored = Assert.Single(await server.EarlyWarnings.AlertsAsync(customer.Id));
            Assert.Equal((AlertStatus.Acknowledged, Users.Mia), (stored.Status, stored.AcknowledgedBy));
            var audited = await server.Server.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
                .CountAsync(a => a.Action == "early-warning.acknowledged" && a.EntityId == alert.Id.ToString() && a.Actor == Users.Mia));
            Assert.Equal(1, audited);
            await page.AssertAccessibleAsync();

            // The review the alert asked for: due today, waiting for the owner's statements, caused by the alert.
            await page.GetByRole(AriaRole.Link, new() { Name = ui.Watch("Nav.Reviews"), Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ui.Watch("ReviewsPage.Title"), Level = 1 })).ToBeVisibleAsync();
            var reviewRow = page.GetByTestId("reviews").GetByRole(AriaRole.Row).Filter(new() { HasText = customer.Name });
            await Expect(reviewRow.GetByTestId("review-cause")).ToHaveTextAsync(
                ui.Watch("Cause.Alert", indicator, ui.Watch("Level.Alert"), ui.Date(alert.RaisedOn)));
            await Expect(reviewRow.GetByTestId("review-stage")).ToHaveTextAsync(ui.Watch("Stage.Statements"));
            await Expect(reviewRow.GetByTestId("review-task")).ToHaveTextAsync(ui.Watch("Task.collectStatements"));
            await Expect(reviewRow).ToContainTextAsync(ui.Date(review.DueDate));
            await page.AssertAccessibleAsync();
            await page.SaveScreenshotAsync("journey-reviews");
        });

    [Fact]
    public Task The_alerts_and_reviews_read_in_Chinese_with_the_evidence_in_Chinese() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var ui = Ui.Chinese;
        var customer = await SurgingAsync();
        var page = session.Page;
        await page.SignInAsync(Users.Audrey, ui);

        await page.GotoAsync("/alerts");
        await page.GetByLabel(ui.Watch("Filters.Customer")).FillAsync(customer.Name);
        var row = page.GetByTestId("alerts").GetByRole(AriaRole.Row).Filter(new() { HasText = customer.Name });
        await Expect(row).ToContainTextAsync(ui.Watch("Indicator.OrderVolumeSurge"));
        // An auditor reads and never acknowledges.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = ui.Watch("Alerts.Acknowledge") })).ToHaveCountAsync(0);
        await NoEnglishLeftAsync(page, customer.Name);
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("alerts.zh-CN");

        await page.GotoAsync("/reviews");
        await Expect(page.GetByTestId("reviews").GetByRole(AriaRole.Row).Filter(new() { HasText = customer.Name })).ToContainTextAsync(ui.Watch("Stage.Statements"));
        await NoEnglishLeftAsync(page, customer.Name);
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("reviews.zh-CN");
    }, BrowserFixture.Chinese);

    [Fact]
    public Task The_account_owner_sends_fresh_statements_for_the_triggered_review_from_the_credit_file() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var ui = Ui.English;
        var customer = await SurgingAsync();
        var page = session.Page;
        await page.SignInAsync(Users.Sally);

        // Sales read the reviews of their accounts (not the alerts: the menu has no link to them).
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = ui.Text("Nav.Label") })).Not.ToContainTextAsync(ui.Watch("Nav.Alerts"));
        await page.GotoAsync($"/customers/{customer.Id}");
        await Expect(page.GetByTestId("customer-alerts")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("review-statements-state")).ToHaveTextAsync(ui.Watch("ReviewsSection.StatementsWanted"));
        await page.GetByText(ui.Watch("ReviewsSection.SendStatements")).ClickAsync();
        var grid = page.GetByTestId("review-statements");
        var statements = System.Text.Json.JsonSerializer.SerializeToElement(Onboarding.Medium.Statements);
        var years = statements.GetProperty("years").EnumerateArray().ToList();
        var latest = years.Max(y => y.GetProperty("year").GetInt32());
        await grid.GetByLabel(ui.Case("Statements.Currency")).FillAsync(statements.GetProperty("currency").GetString()!);
        var columns = grid.GetByLabel(ui.Case("Statements.Year"), new() { Exact = true });
        await columns.Nth(0).FillAsync(latest.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await columns.Nth(1).FillAsync((latest - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await columns.Nth(1).PressAsync("Tab");
        foreach (var year in years)
        {
            var y = year.GetProperty("year").GetInt32();
            foreach (var line in year.EnumerateObject().Where(p => p.Name != "year"))
            {
                await grid.GetByLabel($"{ui.Case($"Line.{line.Name}")} {y}", new() { Exact = true })
                    .FillAsync(line.Value.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        await grid.GetByRole(AriaRole.Button, new() { Name = ui.Case("Statements.Submit") }).ClickAsync();

        await Expect(page.GetByText(ui.Case("Statements.Submitted"))).ToBeVisibleAsync();
        await Expect(page.GetByTestId("review-statements-state")).ToContainTextAsync(ui.Watch("ReviewsSection.StatementsSent", "").Split('{')[0].Trim()[..20]);
        var review = await server.Server.WithDbAsync(db => db.Set<ReviewCase>().AsNoTracking().SingleAsync(r => r.CustomerId == customer.Id));
        Assert.NotNull(review.StatementsJson);
        Assert.Equal(Users.Sally, review.StatementsBy);
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("journey-review-statements");
    });

    /// <summary>The value of the figure labelled <paramref name="label"/> in an alert's list of figures.</summary>
    private static ILocator Figure(ILocator figures, string label) =>
        figures.Locator("dt").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(label)}$") })
            .Locator("xpath=following-sibling::dd[1]");

    /// <summary>The main region, less the data (names, addresses, case ids, dates and numbers), has no English word left.</summary>
    private static async Task NoEnglishLeftAsync(IPage page, params string[] data)
    {
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.mud-progress-circular, .mud-progress-linear, .mud-table-loading').length === 0");
        var text = await page.GetByRole(AriaRole.Main).InnerTextAsync();
        foreach (var d in data)
        {
            text = text.Replace(d, " ", StringComparison.Ordinal);
        }

        text = System.Text.RegularExpressions.Regex.Replace(text, @"\S+@\S+|\b[0-9a-f]{8}\b", " ");
        var words = System.Text.RegularExpressions.Regex.Matches(text, "[A-Za-z]{3,}").Select(m => m.Value).Distinct().ToList();
        Assert.True(words.Count == 0, $"English left on the Chinese page: {string.Join(", ", words)}\n{text}");
    }
}
