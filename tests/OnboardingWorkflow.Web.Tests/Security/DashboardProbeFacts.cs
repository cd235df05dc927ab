using System.Collections.Concurrent;

namespace OnboardingWorkflow.Web.Tests.Security;

/// <summary>
/// A signed-in user typing addresses they were never given: another salesperson's application,
/// task and customer file, the operations pages their role does not open, and ids that are not
/// ids at all. Each answers with a message (not found, or not allowed) that shows none of the
/// case's data and no fault, and the page keeps working afterwards.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardProbeFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    /// <summary>Sally's case, made once per server: submitted, waiting in her document collection.</summary>
    private static readonly ConcurrentDictionary<Uri, Lazy<Task<SallysCase>>> Cases = new();

    private sealed record SallysCase(Guid ApplicationId, Guid CustomerId, string TaskId, string Name, string Registration);

    [Fact]
    public Task Another_salesperson_typing_the_addresses_of_a_case_sees_not_found_and_none_of_its_data() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var sally = await SallysCaseAsync();
        var page = session.Page;
        await page.SignInAsync(Users.Sam);

        await page.GotoAsync($"/applications/{sally.ApplicationId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Ui.English.Case("Application.Title"), Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Alert)).ToContainTextAsync("does not exist");
        await AssertNothingOfTheCaseAsync(page, sally);

        await page.GotoAsync($"/tasks/{Uri.EscapeDataString(sally.TaskId)}");
        await Expect(page.GetByTestId("task-refusal")).ToContainTextAsync("does not exist");
        await AssertNothingOfTheCaseAsync(page, sally);

        await page.GotoAsync($"/customers/{sally.CustomerId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Ui.English.Case("Customer.Title"), Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Alert)).ToContainTextAsync("does not exist");
        await AssertNothingOfTheCaseAsync(page, sally);

        // Nor do his lists name it.
        await page.GotoAsync("/applications");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Ui.English.Case("Applications.Title"), Level = 1 })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.mud-progress-circular, .mud-progress-linear, .mud-table-loading').length === 0");
        await AssertNothingOfTheCaseAsync(page, sally);
        await page.SaveScreenshotAsync("probe-foreign-case");
    });

    [Fact]
    public Task Another_salesperson_following_links_inside_the_page_to_a_case_sees_not_found_and_not_the_previous_case() => browser.RunAsync(server.BaseAddress, async session =>
    {
        // A page component is reused when only its id changes: what it showed for the last id must not stay.
        var sally = await SallysCaseAsync();
        var sams = await server.Onboarding.SubmitAsync(Users.Sam, Onboarding.Low, "Sams Own Trading " + Guid.NewGuid().ToString("N")[..6]);
        var samsCustomer = (await server.Onboarding.DetailAsync(sams)).GetProperty("application").GetProperty("customerId").GetGuid();
        var samsTask = await server.Onboarding.TaskIdAsync(sams, "collectDocuments");
        var page = session.Page;
        await page.SignInAsync(Users.Sam);

        foreach (var (own, foreign) in new[]
                 {
                     ($"/applications/{sams}", $"/applications/{sally.ApplicationId}"),
                     ($"/tasks/{samsTask}", $"/tasks/{sally.TaskId}"),
                     ($"/customers/{samsCustomer}", $"/customers/{sally.CustomerId}"),
                 })
        {
            await page.GotoAsync(own);
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Sams Own Trading");
            await Probe.NavigateInsideAsync(page, foreign);
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == foreign, Navigation.Committed);
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("does not exist");
            await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("Sams Own Trading");
            await AssertNothingOfTheCaseAsync(page, sally);
        }
    });

    public static TheoryData<string> OperationsPages() => new()
    {
        "/instances", $"/instances/{Guid.NewGuid()}", "/reports", "/admin", "/admin/negative-list",
        "/workflows", "/workflows/customerOnboarding", "/workflows/customerOnboarding/versions/1",
        "/workflows/customerOnboarding/diff?from=1&to=1", "/workflows/customerOnboarding/migrate?from=1&to=1",
        $"/workflows/drafts/{Guid.NewGuid()}", $"/workflows/drafts/{Guid.NewGuid()}/diff",
        "/holds", "/escalations", "/receivables/import", "/alerts",
    };

    public static TheoryData<string> AdminOnlyWorkflowPages() => new()
    {
        $"/workflows/drafts/{Guid.NewGuid()}", "/workflows/customerOnboarding/migrate?from=1&to=1",
    };

    [Theory]
    [MemberData(nameof(AdminOnlyWorkflowPages))]
    public Task An_auditor_reads_the_flows_but_is_refused_the_designer_and_the_migration(string path) => browser.RunAsync(server.BaseAddress, async session =>
    {
        var page = session.Page;
        await page.SignInAsync(Users.Audrey);

        await page.GotoAsync(path);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Ui.English.Text("Denied.Title"), Level = 1 })).ToBeVisibleAsync();
        await Probe.AssertNoFaultShownAsync(page);
        await Probe.AssertConnectionAliveAsync(page, Ui.English);
    }, callerMember: $"Auditor{path.Replace('/', '_').Replace('?', '_')}");

    public static TheoryData<string> GarbageWorkflowAddresses() => new()
    {
        "/workflows/no-such-process",
        "/workflows/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/workflows/customerOnboarding/versions/999",
        "/workflows/customerOnboarding/versions/not-a-number",
        "/workflows/customerOnboarding/diff?from=abc&to=-1",
        "/workflows/customerOnboarding/diff?from=1&to=999999999999",
        "/workflows/customerOnboarding/migrate?from=99&to=1",
        "/workflows/customerOnboarding/migrate?from=-1&to=" + new string('9', 300),
        "/workflows/drafts/not-a-guid",
        $"/workflows/drafts/{Guid.Empty}",
        $"/workflows/drafts/{Guid.NewGuid()}/diff?against=abc",
    };

    [Theory]
    [MemberData(nameof(GarbageWorkflowAddresses))]
    public Task An_admin_typing_garbage_workflow_addresses_gets_a_message_and_no_fault(string path) => browser.RunAsync(server.BaseAddress, async session =>
    {
        var page = session.Page;
        await page.SignInAsync(Users.Admin);

        var response = await page.GotoAsync(path);

        Assert.True(response is null || response.Status < 500, $"{path} answered {response?.Status}");
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToBeEmptyAsync();
        // An address is bad input, not a fault: the page says what is wrong, never "something went wrong".
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(Ui.English.Text("Error.Unexpected"));
        await Probe.AssertNoFaultShownAsync(page);
        await Probe.AssertAdminConnectionAliveAsync(page, Ui.English);
    }, callerMember: $"WorkflowGarbage{path[..Math.Min(path.Length, 40)].Replace('/', '_').Replace('%', '_').Replace('?', '_')}");

    [Theory]
    [MemberData(nameof(OperationsPages))]
    public Task A_salesperson_is_refused_the_operations_pages(string path) => browser.RunAsync(server.BaseAddress, async session =>
    {
        var page = session.Page;
        await page.SignInAsync(Users.Sally);

        await page.GotoAsync(path);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Ui.English.Text("Denied.Title"), Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(Ui.English.Text("Denied.Message"));
        await Probe.AssertNoFaultShownAsync(page);
        await Probe.AssertConnectionAliveAsync(page, Ui.English);
    }, callerMember: $"Operations{path.Replace('/', '_')}");

    public static TheoryData<string, string> GarbageAddresses() => new()
    {
        // address, what the page says
        { "/tasks/not-a-guid", "does not exist" },
        { "/tasks/" + new string('x', 2000), "does not exist" },
        { "/tasks/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "does not exist" },
        { "/tasks/..%2F..%2Fapi%2Fusers", "does not exist" },
        { "/applications/00000000-0000-0000-0000-000000000000", "does not exist" },
        { "/applications/not-a-guid", "NotFound.Message" },
        { "/applications/" + new string('9', 2000), "NotFound.Message" },
        { "/customers/00000000-0000-0000-0000-000000000000", "does not exist" },
        { "/customers/%27%20OR%201%3D1--", "NotFound.Message" },
        { "/instances/not-a-guid", "NotFound.Message" },
        { $"/customers/{Guid.Empty}/letters/{Guid.NewGuid()}", "does not exist" },
        { $"/customers/{Guid.NewGuid()}/letters/not-a-guid", "NotFound.Message" },
        { "/no/such/page", "NotFound.Message" },
    };

    [Theory]
    [MemberData(nameof(GarbageAddresses))]
    public Task A_garbage_address_shows_a_friendly_not_found_and_the_page_keeps_working(string path, string message) => browser.RunAsync(server.BaseAddress, async session =>
    {
        var page = session.Page;
        await page.SignInAsync(Users.Sally);

        var response = await page.GotoAsync(path);

        Assert.True(response is null || response.Status < 500, $"{path} answered {response?.Status}");
        var expected = message == "NotFound.Message" ? Ui.English.Text(message) : message;
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(expected);
        await Probe.AssertNoFaultShownAsync(page);
        await Probe.AssertConnectionAliveAsync(page, Ui.English);

        // The same address reached from inside the page, then back to a page that works.
        await Probe.NavigateInsideAsync(page, path);
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(expected);
        await Probe.AssertNoFaultShownAsync(page);
        await Probe.AssertConnectionAliveAsync(page, Ui.English);
    }, callerMember: $"Garbage{path[..Math.Min(path.Length, 40)].Replace('/', '_').Replace('%', '_')}");

    /// <summary>Sally's customer on credit hold after 40 days overdue, made once per server.</summary>
    private static readonly ConcurrentDictionary<Uri, Lazy<Task<(Guid Customer, Guid Letter)>>> Held = new();

    private Task<(Guid Customer, Guid Letter)> HeldAsync() =>
        Held.GetOrAdd(server.BaseAddress, _ => new Lazy<Task<(Guid, Guid)>>(async () =>
        {
            var (customer, letter) = await server.Collections.HeldCustomerAsync("Held Probe Trading " + Guid.NewGuid().ToString("N")[..6]);
            return (customer.Id, letter);
        })).Value;

    [Fact]
    public Task A_salesperson_sees_her_customers_hold_but_no_release_and_the_holds_link_is_not_in_her_menu() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var (customer, _) = await HeldAsync();
        var page = session.Page;
        await page.SignInAsync(Users.Sally);

        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = Ui.English.Text("Nav.Label") })).Not.ToContainTextAsync(Ui.English.Credit("Nav.Holds"));
        await page.GotoAsync($"/customers/{customer}");
        await Expect(page.GetByTestId("holds-in-force")).ToContainTextAsync(Ui.English.Credit("HoldSource.Dunning"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = Ui.English.Credit("Holds.Release") })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("place-hold")).ToHaveCountAsync(0);
        await Probe.AssertNoFaultShownAsync(page);
        await Probe.AssertConnectionAliveAsync(page, Ui.English);
    });

    [Fact]
    public Task An_auditor_reads_the_holds_and_the_escalation_cases_but_has_no_release() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var (customer, letter) = await HeldAsync();
        var name = (await server.Collections.HoldsAsync(customer))[0].GetProperty("customerName").GetString()!;
        var page = session.Page;
        await page.SignInAsync(Users.Audrey);

        await page.GetByRole(AriaRole.Link, new() { Name = Ui.English.Credit("Nav.Holds"), Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("holds").GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = Ui.English.Credit("Holds.Release") })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(Ui.English.Credit("HoldsPage.IntroRead"));
        await page.GetByRole(AriaRole.Link, new() { Name = Ui.English.Credit("Nav.Escalations"), Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("escalations").GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync(Ui.English.Amount(1234.5m));
        await page.GotoAsync($"/customers/{customer}");
        await Expect(page.GetByTestId("holds-in-force")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = Ui.English.Credit("Holds.Release") })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("place-hold")).ToHaveCountAsync(0);
        await page.GotoAsync($"/customers/{customer}/letters/{letter}");
        await Expect(page.GetByTestId("letter-body")).ToContainTextAsync(name);
        await Probe.AssertNoFaultShownAsync(page);
        await Probe.AssertConnectionAliveAsync(page, Ui.English);
    });

    [Fact]
    public Task A_promise_date_beyond_the_bound_is_refused_at_the_field_and_nothing_is_recorded() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var (customer, _) = await HeldAsync();
        var today = server.Collections.Today;
        var page = session.Page;
        await page.SignInAsync(Users.Sally);
        await page.GotoAsync($"/customers/{customer}");

        var date = page.GetByTestId("promise-date");
        await date.FillAsync(Collections.Iso(today.AddDays(400)));
        await page.GetByRole(AriaRole.Button, new() { Name = Ui.English.Credit("Promise.Submit"), Exact = true }).ClickAsync();

        // The field itself carries the message (its description), naming the bounds.
        await Expect(date).ToHaveAttributeAsync("aria-invalid", "true");
        var field = page.Locator(".mud-input-control").Filter(new() { Has = date });
        await Expect(field).ToContainTextAsync($"must be between {Collections.Iso(today)} and {Collections.Iso(today.AddDays(60))}");
        await Expect(page.GetByTestId("promise-in-force")).ToHaveTextAsync(Ui.English.Credit("Escalation.NoPromise"));
        await Probe.AssertNoFaultShownAsync(page);
        await Probe.AssertConnectionAliveAsync(page, Ui.English);
        using var mia = await server.As(Users.Mia);
        var escalation = await Http.Json(await mia.GetAsync($"/api/customers/{customer}/escalation"), System.Net.HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, escalation.GetProperty("case").GetProperty("promisedUntil").ValueKind);
    });

    public static TheoryData<string> GarbageCollectionAddresses() => new()
    {
        "/holds/not-a-page",
        "/holds?source=%3Cscript%3Ealert(1)%3C%2Fscript%3E&page=-1",
        "/escalations?sort=%27%20OR%201%3D1--&desc=maybe",
        $"/customers/{Guid.NewGuid()}/letters/{Guid.NewGuid()}",
        "/receivables/import/..%2F..%2Fapi%2Fusers",
        "/alerts?status=%3Cscript%3Ealert(1)%3C%2Fscript%3E&page=-1",
        "/alerts/not-a-page",
        "/reviews?stage=%27%20OR%201%3D1--&overdue=maybe",
        "/reviews/..%2F..%2Fapi%2Freviews",
    };

    [Theory]
    [MemberData(nameof(GarbageCollectionAddresses))]
    public Task A_credit_manager_typing_garbage_collection_addresses_gets_a_message_and_a_live_connection(string path) => browser.RunAsync(server.BaseAddress, async session =>
    {
        var page = session.Page;
        await page.SignInAsync(Users.Mia);

        var response = await page.GotoAsync(path);

        Assert.True(response is null || response.Status < 500, $"{path} answered {response?.Status}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(Ui.English.Text("Error.Unexpected"));
        await Probe.AssertNoFaultShownAsync(page);
        await Probe.AssertConnectionAliveAsync(page, Ui.English);
    }, callerMember: $"CollectionsGarbage{path[..Math.Min(path.Length, 30)].Replace('/', '_').Replace('%', '_').Replace('?', '_')}");

    [Fact]
    public Task An_auditor_reads_the_alerts_but_has_no_acknowledge_and_a_salesperson_reads_only_her_own_reviews() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var sally = await SallysCaseAsync();
        var page = session.Page;
        await page.SignInAsync(Users.Audrey);
        await page.GetByRole(AriaRole.Link, new() { Name = Ui.English.Watch("Nav.Alerts"), Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Ui.English.Watch("AlertsPage.Title"), Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(Ui.English.Watch("AlertsPage.IntroRead"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = Ui.English.Watch("Alerts.Acknowledge") })).ToHaveCountAsync(0);
        await Probe.AssertNoFaultShownAsync(page);
        await Probe.AssertConnectionAliveAsync(page, Ui.English);

        // Sally's triggered review is on her review list and not on Sam's.
        var surging = await SurgingAsync();
        await session.Context.ClearCookiesAsync();
        await page.SignInAsync(Users.Sally);
        await page.GetByRole(AriaRole.Link, new() { Name = Ui.English.Watch("Nav.Reviews"), Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("reviews").GetByRole(AriaRole.Row).Filter(new() { HasText = surging.Name })).ToHaveCountAsync(1);
        await session.Context.ClearCookiesAsync();
        await page.SignInAsync(Users.Sam);
        await page.GetByRole(AriaRole.Link, new() { Name = Ui.English.Watch("Nav.Reviews"), Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Ui.English.Watch("ReviewsPage.Title"), Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("total")).ToHaveTextAsync(Ui.English.Watch("List.Total", 0));
        await Probe.AssertNotShownAsync(page, surging.Name, surging.RegistrationNumber, sally.Name);
        await Probe.AssertNoFaultShownAsync(page);
        await Probe.AssertConnectionAliveAsync(page, Ui.English);
    });

    /// <summary>Sally's customer whose order surge opened a triggered review, made once per server (the morning's jobs run once a day).</summary>
    private static readonly ConcurrentDictionary<Uri, Lazy<Task<OnboardingWorkflow.Data.Domain.Customer>>> Surging = new();

    private Task<OnboardingWorkflow.Data.Domain.Customer> SurgingAsync() =>
        Surging.GetOrAdd(server.BaseAddress, _ => new Lazy<Task<OnboardingWorkflow.Data.Domain.Customer>>(async () =>
        {
            var customer = await server.EarlyWarnings.SurgingCustomerAsync("Surge Probe Trading " + Guid.NewGuid().ToString("N")[..6]);
            await server.EarlyWarnings.RunMorningJobsAsync();
            return customer;
        })).Value;

    private static async Task AssertNothingOfTheCaseAsync(IPage page, SallysCase sally)
    {
        await Probe.AssertNotShownAsync(page, sally.Name, sally.Registration);
        await Probe.AssertNoFaultShownAsync(page);
    }

    private Task<SallysCase> SallysCaseAsync() =>
        Cases.GetOrAdd(server.BaseAddress, _ => new Lazy<Task<SallysCase>>(async () =>
        {
            var name = "Sallys Secret Trading " + Guid.NewGuid().ToString("N")[..6];
            var registration = "91SECRET" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
            var id = await server.Onboarding.SubmitAsync(Users.Sally, Onboarding.Low, name, registration);
            var customer = (await server.Onboarding.DetailAsync(id)).GetProperty("application").GetProperty("customerId").GetGuid();
            return new SallysCase(id, customer, await server.Onboarding.TaskIdAsync(id, "collectDocuments"), name, registration);
        })).Value;
}
