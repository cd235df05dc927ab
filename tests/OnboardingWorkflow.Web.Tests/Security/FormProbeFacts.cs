using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Web.Tests.Security;

/// <summary>
/// What a salesperson can type into the new-application form and the statements grid that the
/// product must not take: amounts out of range or beyond any number type, negative amounts,
/// founding dates in the future or in year 1, names far longer than allowed. Each is refused
/// with a message at its field, the typed text stays as typed (never silently replaced by a
/// bound), nothing is saved and nothing faults.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FormProbeFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private const string Forty = "1234567890123456789012345678901234567890";

    /// <summary>Sally's application whose statements grid the probes type into, made once per server.</summary>
    private static readonly ConcurrentDictionary<Uri, Lazy<Task<Guid>>> Applications = new();

    private static Ui Ui => Ui.English;

    public static TheoryData<string, string, string> NewApplicationInputs() => new()
    {
        // the field's label (CaseText key), what is typed, what the field then says (a pattern)
        { "Application.Requested", "0", "Must be between" },
        { "Application.Requested", "-5", "Must be between" },
        { "Application.Requested", "5000000000000", "Must be between" },
        { "Application.Requested", "1e30", "^Not a number: type digits only" },
        { "Application.Requested", Forty, "^Not a number: type digits only" },
        { "Application.MonthlyPurchases", "-1", "Must be between" },
        { "Application.TermsDays", "-3", "Must be between" },
        { "Application.TermsDays", "99999999999", "Must be between" },
        { "Customer.FoundedOn", "1/1/0001", "Must be between" },
        { "Customer.FoundedOn", "12/31/2999", "Must be between" },
        { "Customer.FoundedOn", "13/45/2020", "^Not a date: type it as M/d/yyyy" },
    };

    [Theory]
    [MemberData(nameof(NewApplicationInputs))]
    public Task The_new_application_form_refuses_a_value_at_its_field_and_saves_nothing(string label, string typed, string message) =>
        browser.RunAsync(server.BaseAddress, async session =>
        {
            var page = session.Page;
            var name = await OpenNewApplicationAsync(page);
            var input = page.GetByLabel(Ui.Case(label));
            await input.FillAsync(typed);
            await input.PressAsync("Tab");

            await page.GetByRole(AriaRole.Button, new() { Name = Ui.Case("New.Submit") }).ClickAsync();

            await Expect(ErrorOf(input)).ToHaveTextAsync(new Regex(message));
            // Kept as typed: never replaced by a bound, never emptied.
            await Expect(input).ToHaveValueAsync(typed);

            await AssertNotSubmittedAsync(page, name);
        }, callerMember: $"NewApplication.{label}.{typed[..Math.Min(typed.Length, 12)].Replace('/', '-')}");

    [Fact]
    public Task The_new_application_form_refuses_a_name_of_ten_thousand_characters_and_one_that_hides_its_direction() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var page = session.Page;
        var name = await OpenNewApplicationAsync(page);
        var input = page.GetByLabel(Ui.Case("Customer.Name"));
        // The input's maxlength is the browser's courtesy; someone who removes it must still be refused.
        await input.EvaluateAsync("e => e.removeAttribute('maxlength')");
        var tooLong = name + new string('N', 10_000 - name.Length);
        await input.FillAsync(tooLong);

        await page.GetByRole(AriaRole.Button, new() { Name = Ui.Case("New.Submit") }).ClickAsync();

        await Expect(ErrorOf(input)).ToHaveTextAsync(Ui.Case("Form.MaxLength", 300));
        await AssertNotSubmittedAsync(page, name);

        // A name that displays as something else: only the use case checks characters; its refusal lands at the field.
        var disguised = name[..20] + "\u202Egnp.exe";
        await input.FillAsync(disguised);
        await page.GetByRole(AriaRole.Button, new() { Name = Ui.Case("New.Submit") }).ClickAsync();

        await Expect(ErrorOf(input)).ToContainTextAsync("text-direction");
        await AssertNotSubmittedAsync(page, name[..20]);
    });

    public static TheoryData<string, string, string> StatementInputs() => new()
    {
        // cells typed over a balanced year (line=value;...), the cell that must answer, what it says (a pattern)
        { "totalAssets=1e30", "totalAssets", "^Not a number\\.$" },
        { $"totalAssets={Forty}", "totalAssets", "^Not a number\\.$" },
        { "cash=-5", "cash", "^Must not be negative\\.$" },
        { "revenue=5000000000000000000000", "revenue", "must be between -1000000000000000 and 1000000000000000" },
        // Each a valid decimal; their sum overflows, which made the page say only "something went wrong".
        { "totalAssets=79228162514264337593543950335;totalLiabilities=79228162514264337593543950335;equity=79228162514264337593543950335",
            "totalLiabilities", "must be between -1000000000000000 and 1000000000000000" },
        { "year=1", "year", "Must be between 1900 and" },
        { "year=99999", "year", "Must be between 1900 and" },
    };

    [Theory]
    [MemberData(nameof(StatementInputs))]
    public Task The_statements_grid_refuses_a_value_at_its_cell_and_keeps_nothing(string cells, string answering, string message) =>
        browser.RunAsync(server.BaseAddress, async session =>
        {
            var applicationId = await Applications.GetOrAdd(server.BaseAddress, _ => new Lazy<Task<Guid>>(() => server.Onboarding.SubmitAsync(Users.Sally, Onboarding.Low))).Value;
            var page = session.Page;
            await page.SignInAsync(Users.Sally);
            await page.GotoAsync($"/applications/{applicationId}");
            var year = DateTime.UtcNow.Year - 1;
            // One column: the grid opens with two; the second goes.
            await page.GetByRole(AriaRole.Button, new() { Name = Ui.Case("Statements.RemoveYear", year - 1) }).ClickAsync();
            var typed = new Dictionary<string, string> { ["totalAssets"] = "100", ["totalLiabilities"] = "50", ["equity"] = "50", ["revenue"] = "10" };
            foreach (var cell in cells.Split(';'))
            {
                typed[cell.Split('=')[0]] = cell.Split('=')[1];
            }

            var yearField = page.GetByLabel(Ui.Case("Statements.Year"), new() { Exact = true });
            foreach (var (line, value) in typed.Where(t => t.Key != "year"))
            {
                await Cell(page, line, year).FillAsync(value);
            }

            if (typed.TryGetValue("year", out var typedYear))
            {
                await yearField.FillAsync(typedYear);
                await yearField.PressAsync("Tab");
            }

            await page.GetByRole(AriaRole.Button, new() { Name = Ui.Case("Statements.Submit") }).ClickAsync();

            var input = answering == "year" ? yearField : Cell(page, answering, year);
            await Expect(ErrorOf(input)).ToHaveTextAsync(new Regex(message));
            await Expect(input).ToHaveValueAsync(answering == "year" ? typedYear! : typed[answering]);
            await Expect(page.GetByText(Ui.Case("Statements.Sets", 0))).ToBeVisibleAsync();
            await Probe.AssertNoFaultShownAsync(page);
            Assert.DoesNotContain(Ui.Text("Error.Unexpected"), await page.Locator("body").InnerTextAsync());
            Assert.Equal(0, await server.Server.WithDbAsync(db => db.Set<FinancialStatementSet>().CountAsync(s => s.ApplicationId == applicationId)));
            await Probe.AssertConnectionAliveAsync(page, Ui);
        }, callerMember: $"Statements.{cells[..Math.Min(cells.Length, 16)]}");

    /// <summary>Signs Sally in and opens a new application with every required field valid; returns the customer's name.</summary>
    private static async Task<string> OpenNewApplicationAsync(IPage page)
    {
        var name = "Probe Forms " + Guid.NewGuid().ToString("N")[..8];
        await page.SignInAsync(Users.Sally);
        await page.GotoAsync("/applications/new");
        await page.GetByLabel(Ui.Case("Customer.Name")).FillAsync(name);
        await page.GetByLabel(Ui.Case("Customer.Registration")).FillAsync("91PROBE" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant());
        await page.GetByLabel(Ui.Case("Application.Requested")).FillAsync("50000");
        return name;
    }

    /// <summary>The form stayed where it was, shows no fault, still works, and no customer of that name was saved.</summary>
    private async Task AssertNotSubmittedAsync(IPage page, string name)
    {
        Assert.Equal("/applications/new", new Uri(page.Url).AbsolutePath);
        await Probe.AssertNoFaultShownAsync(page);
        Assert.Equal(0, await server.Server.WithDbAsync(db => db.Set<Customer>().CountAsync(c => c.Name.StartsWith(name))));
    }

    /// <summary>The message MudBlazor shows under an input.</summary>
    private static ILocator ErrorOf(ILocator input) =>
        input.Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]").Locator(".mud-input-helper-text.mud-input-error");

    private static ILocator Cell(IPage page, string line, int year) =>
        page.GetByLabel($"{Ui.Case($"Line.{line}")} {year}", new() { Exact = true });
}
