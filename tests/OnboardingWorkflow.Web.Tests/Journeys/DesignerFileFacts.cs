using System.Net;
using System.Net.Http.Json;

namespace OnboardingWorkflow.Web.Tests.Journeys;

/// <summary>
/// Files in and out of the designer page: a .bpmn file imported from the admin's disk replaces the
/// diagram, counts as an unsaved change and is kept by Save; Export downloads what is on the canvas;
/// a file that is not BPMN changes nothing and says why, in the problems panel.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerFileFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private const string Process = "creditLimitChange";
    private const string ImportedName = "Analyst approves the new limit";

    [Fact]
    public async Task An_imported_file_is_saved_as_the_draft_and_export_downloads_the_canvas()
    {
        var ui = Ui.English;
        var draft = await NewDraftAsync();
        var file = (await File.ReadAllTextAsync(RepositoryRoot.Combine("workflows", "credit-limit-change.bpmn")))
            .Replace("name=\"Approve limit change (analyst)\"", $"name=\"{ImportedName}\"", StringComparison.Ordinal);
        Assert.Contains(ImportedName, file, StringComparison.Ordinal);

        await AsAdminAsync(ui, async page =>
        {
            await page.GotoAsync($"/workflows/drafts/{draft}");
            var analystTask = page.Locator(".owf-designer-canvas [data-element-id='approveLimitAnalyst'] .djs-label");
            await Expect(analystTask).ToContainTextAsync("analyst");

            await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "credit-limit-change.bpmn",
                MimeType = "application/xml",
                Buffer = System.Text.Encoding.UTF8.GetBytes(file),
            });
            await Expect(page.GetByTestId("designer-status")).ToHaveTextAsync(ui.Design("Designer.Import.loaded"));
            await Expect(analystTask).ToContainTextAsync("Analyst approves");
            Assert.DoesNotContain(ImportedName, await DraftXmlAsync(draft), StringComparison.Ordinal);

            await page.GetByRole(AriaRole.Button, new() { Name = ui.Design("Designer.Save") }).ClickAsync();
            await Expect(page.GetByTestId("designer-status")).ToHaveTextAsync(ui.Design("Designer.Saved"));
            Assert.Contains(ImportedName, await DraftXmlAsync(draft), StringComparison.Ordinal);

            var download = await page.RunAndWaitForDownloadAsync(() =>
                page.GetByRole(AriaRole.Button, new() { Name = ui.Design("Designer.Export") }).ClickAsync());
            Assert.Equal($"{Process}.bpmn", download.SuggestedFilename);
            var path = await download.PathAsync();
            Assert.Contains($"name=\"{ImportedName}\"", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_file_that_is_not_BPMN_changes_nothing_and_says_why()
    {
        var ui = Ui.English;
        var draft = await NewDraftAsync();
        var before = await DraftXmlAsync(draft);

        await AsAdminAsync(ui, async page =>
        {
            await page.GotoAsync($"/workflows/drafts/{draft}");
            var analystTask = page.Locator(".owf-designer-canvas [data-element-id='approveLimitAnalyst']");
            await Expect(analystTask).ToHaveCountAsync(1);

            await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "notes.bpmn",
                MimeType = "application/xml",
                Buffer = System.Text.Encoding.UTF8.GetBytes("<notes><note>not a diagram</note></notes>"),
            });
            await Expect(page.GetByTestId("designer-status")).ToHaveTextAsync(ui.Design("Designer.Import.invalidXml"));
            await Expect(page.GetByTestId("problems").Locator("tbody tr").First).ToContainTextAsync("import");
            await Expect(analystTask).ToHaveCountAsync(1);
        });

        Assert.Equal(before, await DraftXmlAsync(draft));
    }

    [Fact]
    public async Task A_new_draft_from_a_broken_file_is_refused_with_the_line_and_a_good_file_opens_in_the_designer()
    {
        var ui = Ui.English;
        var good = await File.ReadAllTextAsync(RepositoryRoot.Combine("workflows", "credit-limit-change.bpmn"));
        // A closing tag lost in an edit: the XML breaks at the element that is never closed.
        var broken = good.Replace("</bpmn:userTask>", "", StringComparison.Ordinal);

        await AsAdminAsync(ui, async page =>
        {
            await page.GotoAsync("/workflows");
            var input = page.Locator("input[type=file]");
            await input.SetInputFilesAsync(new FilePayload { Name = "broken.bpmn", MimeType = "application/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(broken) });
            var refusal = page.GetByRole(AriaRole.Main).Locator(".mud-alert");
            await Expect(refusal).ToContainTextAsync("BPMN001");
            await Expect(refusal).ToContainTextAsync("line");
            Assert.EndsWith("/workflows", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);

            await input.SetInputFilesAsync(new FilePayload { Name = "credit-limit-change.bpmn", MimeType = "application/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(good) });
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/workflows/drafts/", StringComparison.Ordinal), Navigation.Committed);
            await Expect(page.Locator(".owf-designer-canvas [data-element-id='approveLimitAnalyst']")).ToHaveCountAsync(1);
        });
    }

    private async Task<Guid> NewDraftAsync()
    {
        using var admin = await server.As(Users.Admin);
        var created = await Http.Json(await admin.PostAsJsonAsync("/api/workflow-drafts/from-version", new { processKey = Process, comment = "files" }),
            HttpStatusCode.Created);
        return created.GetProperty("draft").GetProperty("id").GetGuid();
    }

    private async Task<string> DraftXmlAsync(Guid draft)
    {
        using var admin = await server.As(Users.Admin);
        var response = await admin.GetAsync($"/api/workflow-drafts/{draft}/xml");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private async Task AsAdminAsync(Ui ui, Func<IPage, Task> steps, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        await using var session = await BrowserSession.OpenAsync(await browser.NewContextAsync(server.BaseAddress, ui.Locale));
        try
        {
            await session.Page.SignInAsync(Users.Admin, ui);
            await steps(session.Page);
        }
        catch (Exception failure)
        {
            throw await session.KeepFailureAsync($"{nameof(DesignerFileFacts)}.{test}", failure);
        }
    }
}
