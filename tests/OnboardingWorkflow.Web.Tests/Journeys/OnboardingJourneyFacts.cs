using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OnboardingWorkflow.Web.Tests.Journeys;

/// <summary>
/// A customer onboarded from application to active credit limit through the dashboard alone, by
/// the people who do it, each in a browser of their own: the salesperson applies, uploads the
/// checklist and enters the statements; an analyst verifies the documents and answers the
/// questionnaire; a credit manager approves (after the dashboard refused a limit above their
/// authority at the field); the salesperson uploads the signed contract and sees the customer
/// active with its limit. Once in English and once in Chinese, finding every control by the words
/// the dashboard shows in that language. Every page on the way is checked with axe and kept as a
/// screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class OnboardingJourneyFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    /// <summary>The medium profile asks for 300,000: the scorecard sends it to a credit manager.</summary>
    private const decimal Requested = 300_000m;

    private static readonly DateOnly Founded = new(2005, 1, 1);

    [Fact]
    public Task A_customer_is_onboarded_through_the_dashboard_in_English() => OnboardAsync(Ui.English);

    [Fact]
    public Task A_customer_is_onboarded_through_the_dashboard_in_Chinese() => OnboardAsync(Ui.Chinese);

    private async Task OnboardAsync(Ui ui, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var name = (ui.IsChinese ? "华东贸易有限公司 " : "Journey Trading ") + Guid.NewGuid().ToString("N")[..6];
        var registration = "91" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        var suffix = ui.IsChinese ? ".zh-CN" : "";
        Guid applicationId = default;

        await AsAsync(Users.Sally, ui, test, async page =>
        {
            applicationId = await ApplyAsync(page, ui, name, registration, suffix);
            await UploadAsync(page, ui, "BusinessLicence", "licence.pdf", "2030-12-31");
            await UploadAsync(page, ui, "FinancialStatements", "statements.pdf", "2030-12-31");
            await UploadAsync(page, ui, "BankReference", "bank.pdf", "2030-12-31");
            await EnterStatementsAsync(page, ui);
            await page.AssertAccessibleAsync();
            await page.SaveScreenshotAsync("application-file" + suffix);

            await OpenTaskAsync(page, name);
            await CompleteAsync(page, ui, comment: "Checklist uploaded.");
        });
        Assert.Equal("DocumentReview", await StageAsync(applicationId));

        await AsAsync(Users.Ana, ui, test, async page =>
        {
            await page.GotoAsync("/");
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToHaveCountAsync(1);
            await page.AssertAccessibleAsync();
            await page.SaveScreenshotAsync("inbox-with-work" + suffix);

            await OpenTaskAsync(page, name);
            await page.GetByRole(AriaRole.Tab, new() { Name = ui.Task("Tab.Documents") }).ClickAsync();
            var verify = page.GetByRole(AriaRole.Button, new() { Name = ui.Task("Document.Verify"), Exact = true });
            await Expect(verify).ToHaveCountAsync(3);
            for (var left = 2; left >= 0; left--)
            {
                await verify.First.ClickAsync();
                await Expect(verify).ToHaveCountAsync(left);
            }

            await page.AssertAccessibleAsync();
            await page.SaveScreenshotAsync("task-review-documents" + suffix);
            await ChooseAsync(page, ui, "decision", "complete");
            await CompleteAsync(page, ui, comment: "All three verified against the originals.");

            await OpenTaskAsync(page, name);
            await SelectAsync(page, ui, "managementQuality", "adequate");
            await SelectAsync(page, ui, "marketPosition", "stable");
            await SelectAsync(page, ui, "industryOutlook", "neutral");
            await page.AssertAccessibleAsync();
            await CompleteAsync(page, ui, comment: "No litigation, no penalties.");
        });
        Assert.Equal("Approval", await StageAsync(applicationId));

        await AsAsync(Users.Mia, ui, test, async page =>
        {
            await OpenTaskAsync(page, name);
            // The case summary puts the request beside the recommendation.
            await Expect(page.GetByRole(AriaRole.Tabpanel)).ToContainTextAsync(ui.Amount(Requested));
            // The score's terms are in the reader's language, not the policy's.
            await Expect(page.GetByTestId("score-characteristics")).ToContainTextAsync(ui.Case("Characteristic.yearsInBusiness"));
            await Expect(page.GetByRole(AriaRole.Tabpanel)).ToContainTextAsync(ui.Case("Ratio.currentRatio"));
            await ChooseAsync(page, ui, "decision", "approve");
            var limit = page.GetByLabel(ui.Task("Field.approvedLimit"));
            await limit.FillAsync("90000000");
            await page.GetByRole(AriaRole.Button, new() { Name = ui.Task("Form.Submit") }).ClickAsync();

            // Above the request (the limit policy's cap): said at the field in the user's language, and the case did not move.
            var aboveRequest = OnboardingWorkflow.Application.Common.FieldText.Format(ui.Culture, OnboardingWorkflow.Application.Common.FieldText.Keys.AtMostRequested, Requested);
            await Expect(page.Locator("[data-field='approvedLimit'] .mud-input-helper-text.mud-input-error")).ToContainTextAsync(aboveRequest);
            await Expect(page.GetByTestId("task-refusal")).ToContainTextAsync(aboveRequest);
            await page.AssertAccessibleAsync();
            await page.SaveScreenshotAsync("task-approve-refused" + suffix);
            Assert.Equal("Approval", await StageAsync(applicationId));

            // No limit typed: the recommendation is approved.
            await limit.FillAsync("");
            await CompleteAsync(page, ui, comment: "Approved at the recommended limit.");
        });
        var approved = await ApprovedLimitAsync(applicationId);

        await AsAsync(Users.Sally, ui, test, async page =>
        {
            await page.GotoAsync($"/applications/{applicationId}");
            await UploadAsync(page, ui, "SignedContract", "signed.pdf", expiry: null);
            await Expect(page.GetByText(ui.Case("Status.Active"), new() { Exact = true })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = ui.Case("Application.OpenCustomer") }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
            await Expect(Row(page, ui.Case("Customer.Status"))).ToContainTextAsync(ui.Case("CustomerStatus.Active"));
            await Expect(Row(page, ui.Case("Customer.Limit"))).ToContainTextAsync(ui.Amount(approved));
            await page.AssertAccessibleAsync();
            await page.SaveScreenshotAsync("customer-file" + suffix);
        });
        Assert.Equal("Active", (await server.Onboarding.DetailAsync(applicationId)).GetProperty("application").GetProperty("status").GetString());
    }

    /// <summary>Runs <paramref name="steps"/> in a browser of its own, signed in as <paramref name="email"/> through the login form.</summary>
    private async Task AsAsync(string email, Ui ui, string test, Func<IPage, Task> steps)
    {
        await using var session = await BrowserSession.OpenAsync(await browser.NewContextAsync(server.BaseAddress, ui.Locale));
        try
        {
            await session.Page.SignInAsync(email, ui);
            await steps(session.Page);
        }
        catch (Exception failure)
        {
            throw await session.KeepFailureAsync($"{nameof(OnboardingJourneyFacts)}.{test}.{email.Split('@')[0]}", failure);
        }
    }

    /// <summary>The salesperson opens the list, starts a new application and submits it; returns its id.</summary>
    private static async Task<Guid> ApplyAsync(IPage page, Ui ui, string name, string registration, string suffix)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = ui.Text("Nav.Applications") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ui.Case("Applications.Title"), Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("applications" + suffix);

        await page.GetByRole(AriaRole.Link, new() { Name = ui.Case("Applications.New") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ui.Case("New.Title"), Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel(ui.Case("Customer.Name")).FillAsync(name);
        await page.GetByLabel(ui.Case("Customer.Registration")).FillAsync(registration);
        var founded = page.GetByLabel(ui.Case("Customer.FoundedOn"));
        await founded.FillAsync(ui.Date(Founded));
        await founded.PressAsync("Tab");
        await page.GetByLabel(ui.Case("Customer.Industry")).FillAsync("wholesale");
        await page.GetByLabel(ui.Case("Application.Requested")).FillAsync(Requested.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel(ui.Case("Application.MonthlyPurchases")).FillAsync("100000");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("application-new" + suffix);

        await page.GetByRole(AriaRole.Button, new() { Name = ui.Case("New.Submit") }).ClickAsync();
        await page.WaitForURLAsync(ApplicationUrl(), Navigation.Committed);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ui.Case("Application.Heading", name), Level = 1 })).ToBeVisibleAsync();
        return Guid.Parse(ApplicationUrl().Match(page.Url).Groups[1].Value);
    }

    /// <summary>One document through the page's upload form (it goes to the API over HTTP), then seen in the list.</summary>
    private static async Task UploadAsync(IPage page, Ui ui, string type, string fileName, string? expiry)
    {
        var listed = page.GetByRole(AriaRole.Row).Filter(new() { HasText = fileName });
        await page.Locator("#upload-type").SelectOptionAsync(type);
        await page.Locator("#upload-expiry").FillAsync(expiry ?? "");
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = Onboarding.Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = ui.Case("Documents.Send"), Exact = true }).ClickAsync();
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(listed).ToContainTextAsync(ui.Case($"DocumentType.{type}"));
    }

    /// <summary>Two fiscal years of the medium profile typed into the statements grid, cell by cell.</summary>
    private static async Task EnterStatementsAsync(IPage page, Ui ui)
    {
        var statements = JsonSerializer.SerializeToElement(Onboarding.Medium.Statements);
        var years = statements.GetProperty("years").EnumerateArray().ToList();
        var latest = years.Max(y => y.GetProperty("year").GetInt32());
        await page.GetByLabel(ui.Case("Statements.Currency")).FillAsync(statements.GetProperty("currency").GetString()!);
        // The grid opens with two columns, last year and the year before; the profile's years are typed over them.
        var columns = page.GetByLabel(ui.Case("Statements.Year"), new() { Exact = true });
        await Expect(columns).ToHaveCountAsync(2);
        await columns.Nth(0).FillAsync(latest.ToString(CultureInfo.InvariantCulture));
        await columns.Nth(1).FillAsync((latest - 1).ToString(CultureInfo.InvariantCulture));
        await columns.Nth(1).PressAsync("Tab");

        foreach (var year in years)
        {
            var y = year.GetProperty("year").GetInt32();
            foreach (var line in year.EnumerateObject().Where(p => p.Name != "year"))
            {
                await page.GetByLabel($"{ui.Case($"Line.{line.Name}")} {y}", new() { Exact = true }).FillAsync(line.Value.GetDecimal().ToString(CultureInfo.InvariantCulture));
            }
        }

        await page.GetByRole(AriaRole.Button, new() { Name = ui.Case("Statements.Submit") }).ClickAsync();
        await Expect(page.GetByText(ui.Case("Statements.Sets", 1))).ToBeVisibleAsync();
    }

    /// <summary>Opens the one task of the case <paramref name="customer"/> from the inbox.</summary>
    private static async Task OpenTaskAsync(IPage page, string customer)
    {
        if (new Uri(page.Url).AbsolutePath != "/")
        {
            await page.GotoAsync("/");
        }

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = customer });
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/tasks/", StringComparison.Ordinal), Navigation.Committed);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(customer);
    }

    /// <summary>A decision option of the task's form (radio buttons).</summary>
    private static Task ChooseAsync(IPage page, Ui ui, string field, string option) =>
        page.GetByRole(AriaRole.Radio, new() { Name = ui.Task($"Option.{field}.{option}"), Exact = true }).CheckAsync(new() { Force = true });

    /// <summary>The field shows the text, as text or as an input's value.</summary>
    private const string ShowsChoice =
        "([field, label]) => { const e = document.querySelector(`[data-field='${field}']`); " +
        "return !!e && (e.innerText.includes(label) || [...e.querySelectorAll('input')].some(i => i.value === label)); }";

    /// <summary>An option of a drop-down field of the task's form.</summary>
    private static async Task SelectAsync(IPage page, Ui ui, string field, string option)
    {
        var label = ui.Task($"Option.{field}.{option}");
        await page.Locator($"[data-field='{field}'] .mud-select").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = label, Exact = true }).ClickAsync();
        // The choice shows by its label in the user's language, not by its id.
        await page.WaitForFunctionAsync(ShowsChoice, new[] { field, label });
    }

    /// <summary>Writes the comment, completes the task and lands back in the inbox with the confirmation.</summary>
    private static async Task CompleteAsync(IPage page, Ui ui, string comment)
    {
        await page.GetByLabel(ui.Task("Form.Comment")).FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new() { Name = ui.Task("Form.Submit") }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", Navigation.Committed);
        await Expect(page.GetByText(ui.Task("Complete.Done"))).ToBeVisibleAsync();
    }

    /// <summary>The first table row headed <paramref name="header"/>: the profile's, which comes before the receivables section's exposure table.</summary>
    private static ILocator Row(IPage page, string header) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = header, Exact = true }) }).First;

    private async Task<string?> StageAsync(Guid applicationId) =>
        (await server.Onboarding.DetailAsync(applicationId)).GetProperty("application").GetProperty("stage").GetString();

    private async Task<decimal> ApprovedLimitAsync(Guid applicationId) =>
        (await server.Onboarding.DetailAsync(applicationId)).GetProperty("application").GetProperty("approvedLimit").GetDecimal();

    [GeneratedRegex("/applications/([0-9a-f-]{36})$")]
    private static partial Regex ApplicationUrl();
}
