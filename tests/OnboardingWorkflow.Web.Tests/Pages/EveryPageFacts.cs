using System.Collections.Concurrent;

namespace OnboardingWorkflow.Web.Tests.Pages;

/// <summary>
/// Every page of the dashboard not already walked by a journey, opened by a user who may see it,
/// in English and in Chinese, with data on it: it shows its heading in the page's language, axe
/// finds no serious or critical violation, and a screenshot is kept.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EveryPageFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    /// <summary>A customer on credit hold after 40 days overdue (its file, hold, case and letter fill the after-activation pages).</summary>
    private const string HeldCustomer = "Late Payer Trading Ltd";

    /// <summary>One active customer, one case in progress and one customer on hold per server, made once.</summary>
    private static readonly ConcurrentDictionary<Uri, Lazy<Task<PageData>>> Data = new();

    private sealed record PageData(Guid Customer, Guid Instance, Guid Held, Guid Letter);

    private const string Spinners = "() => document.querySelectorAll('.mud-progress-circular, .mud-progress-linear, .mud-table-loading').length === 0";

    public static TheoryData<string, string, string, string> Pages() => new()
    {
        // page name, path, user (empty: signed out), heading as "Resource:Key"
        { "customers", "/customers", Users.Audrey, "Case:Customers.Title" },
        { "instances", "/instances", Users.Admin, "Ops:Instances.Title" },
        { "instance", "/instances/{instance}", Users.Admin, "Ops:Instance.Title" },
        { "reports", "/reports", Users.Mia, "Ops:Reports.Title" },
        { "admin", "/admin", Users.Admin, "Ops:Admin.Title" },
        { "negative-list", "/admin/negative-list", Users.Admin, "Ops:NegativeList.Title" },
        { "workflows", "/workflows", Users.Admin, "Design:Workflows.Title" },
        { "workflow-versions", "/workflows/customerOnboarding", Users.Admin, "Design:Process.Title:customerOnboarding" },
        { "workflow-version", "/workflows/customerOnboarding/versions/1", Users.Audrey, "Design:Version.Title:customerOnboarding:1" },
        { "workflow-migration", "/workflows/customerOnboarding/migrate", Users.Admin, "Design:Migration.Title:customerOnboarding" },
        { "customer-file-held", "/customers/{held}", Users.Mia, "Literal:" + HeldCustomer },
        { "letter", "/customers/{held}/letters/{letter}", Users.Mia, "Credit:Letter.Title" },
        { "holds", "/holds", Users.Mia, "Credit:HoldsPage.Title" },
        { "holds-auditor", "/holds", Users.Audrey, "Credit:HoldsPage.Title" },
        { "escalations", "/escalations", Users.Audrey, "Credit:EscalationsPage.Title" },
        { "receivables-upload", "/receivables/import", Users.Mia, "Credit:Upload.Title" },
        { "alerts", "/alerts", Users.Mia, "Watch:AlertsPage.Title" },
        { "reviews", "/reviews", Users.Audrey, "Watch:ReviewsPage.Title" },
        { "denied", "/admin", Users.Sally, "Text:Denied.Title" },
        { "login", "/login", "", "Text:App.Name" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public Task The_page_reads_in_English_and_passes_axe(string name, string path, string user, string heading) => ShowAsync(Ui.English, name, path, user, heading);

    [Theory]
    [MemberData(nameof(Pages))]
    public Task The_page_reads_in_Chinese_and_passes_axe(string name, string path, string user, string heading) => ShowAsync(Ui.Chinese, name, path, user, heading);

    private Task ShowAsync(Ui ui, string name, string path, string user, string heading) => browser.RunAsync(server.BaseAddress, async session =>
    {
        var data = await Data.GetOrAdd(server.BaseAddress, _ => new Lazy<Task<PageData>>(PrepareAsync)).Value;
        var page = session.Page;
        if (user.Length > 0)
        {
            await page.SignInAsync(user, ui);
        }

        await page.GotoAsync(path.Replace("{instance}", data.Instance.ToString(), StringComparison.Ordinal)
            .Replace("{held}", data.Held.ToString(), StringComparison.Ordinal).Replace("{letter}", data.Letter.ToString(), StringComparison.Ordinal));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(Text(ui, heading));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", ui.Culture.Name);
        await page.WaitForFunctionAsync(Spinners);
        if (name.StartsWith("holds", StringComparison.Ordinal) || name == "escalations")
        {
            // Data on the page: the customer on hold is listed.
            await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = HeldCustomer })).ToBeVisibleAsync();
        }
        else if (name == "customer-file-held")
        {
            await Expect(page.GetByTestId("ageing-table")).ToContainTextAsync(ui.Amount(1234.5m));
            await Expect(page.GetByTestId("holds-in-force")).ToContainTextAsync(ui.Credit("HoldSource.Dunning"));
            await Expect(page.GetByTestId("letters")).ToContainTextAsync(ui.Credit("LetterKind.HoldPlaced"));
        }
        else if (name == "letter")
        {
            await Expect(page.GetByTestId("letter-body")).ToContainTextAsync(HeldCustomer);
        }

        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync($"page-{name}{(ui.IsChinese ? ".zh-CN" : "")}");
    }, ui.Locale, callerMember: $"{name}.{ui.Culture.Name}");

    private async Task<PageData> PrepareAsync()
    {
        var customer = await server.Onboarding.ActiveCustomerAsync(Users.Sally);
        var inProgress = await server.Onboarding.SubmitAsync(Users.Sam, Onboarding.Medium);
        await server.Onboarding.CollectDocumentsAsync(Users.Sam, inProgress, Onboarding.Medium);
        var detail = await server.Onboarding.DetailAsync(inProgress);
        var (held, letter) = await server.Collections.HeldCustomerAsync(HeldCustomer);
        return new PageData(customer, detail.GetProperty("application").GetProperty("instanceId").GetGuid(), held.Id, letter);
    }

    private static string Text(Ui ui, string heading)
    {
        // "Resource:Key", then the text's arguments if it has any, each after a colon.
        var parts = heading.Split(':');
        var (resource, key, arguments) = (parts[0], parts[1], parts[2..].Select(a => (object)(int.TryParse(a, out var n) ? n : a)).ToArray());
        return resource switch
        {
            "Case" => ui.Case(key, arguments),
            "Ops" => ui.Ops(key, arguments),
            "Design" => ui.Design(key, arguments),
            "Credit" => ui.Credit(key, arguments),
            "Watch" => ui.Watch(key, arguments),
            "Literal" => key,
            _ => ui.Text(key, arguments),
        };
    }
}
