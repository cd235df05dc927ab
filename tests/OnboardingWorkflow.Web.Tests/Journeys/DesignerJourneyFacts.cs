using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OnboardingWorkflow.Web.Tests.Journeys;

/// <summary>
/// An admin changes the shipped onboarding flow in the browser and a second admin publishes it:
/// a task from the palette is dropped onto a flow and turned into a user task; saved without a
/// task contract, the server's finding shows as a marker on it and a row in the problems panel;
/// the row selects it, the properties panel gives it a candidate group and a form field, the
/// draft saves clean and is proposed. The second admin reviews the diff, publishes, and moves the
/// case already running on the old version to the new one from the migration page. A case
/// started afterwards runs the new version, and the salesperson completes the new task, with
/// its new field, in the inbox.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerJourneyFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private const string SecondAdmin = "second.admin@owf.test";
    private const string Process = "customerOnboarding";
    private const string TaskName = "Confirm the request";
    private const string FieldId = "requestConfirmation";
    private const string FieldLabel = "Confirmation note";

    /// <summary>The flow from "not listed" to "Collect documents": the new task goes into it.</summary>
    private const string InsertionFlow = "applicantClearFlow";

    /// <summary>Where the middle of a connection is on the screen, in page pixels (SVG geometry only, no designer internals).</summary>
    private const string FlowMiddle =
        "(id) => { const path = document.querySelector(`.owf-designer-canvas [data-element-id='${id}'] .djs-visual > path`); if (!path) return null; " +
        "const point = path.getPointAtLength(path.getTotalLength() / 2); const screen = new DOMPoint(point.x, point.y).matrixTransform(path.getScreenCTM()); " +
        "return [screen.x, screen.y]; }";

    private const string SelectedShape = "() => document.querySelector('.owf-designer-canvas .djs-shape.selected')?.getAttribute('data-element-id') ?? null";

    [Fact]
    public async Task An_admin_changes_the_flow_a_second_admin_publishes_it_and_the_new_task_is_worked_in_the_inbox()
    {
        var ui = Ui.English;
        await AddSecondAdminAsync();
        var before = await LatestVersionAsync();
        // A case already on its way (waiting at "Collect documents") when the flow changes.
        var running = await InstanceOfAsync(await server.Onboarding.SubmitAsync(Users.Sam, Onboarding.Low));

        Guid draftId = default;
        string taskId = "";
        await AsAsync(Users.Admin, ui, async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = ui.Text("Nav.Workflows") }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ui.Design("Workflows.Title"), Level = 1 })).ToBeVisibleAsync();
            await page.AssertAccessibleAsync();
            await page.SaveScreenshotAsync("workflows");
            await page.GetByRole(AriaRole.Button, new() { Name = ui.Design("Workflows.ChangeOf", Process) }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/workflows/drafts/", StringComparison.Ordinal), Navigation.Committed);
            draftId = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
            await Expect(page.Locator($".owf-designer-canvas [data-element-id='{InsertionFlow}']")).ToHaveCountAsync(1);
            await Expect(page.Locator("a.bjs-powered-by")).ToBeVisibleAsync();

            // A task from the palette, dropped onto the flow: the modeler splits the flow around it.
            // The whole flow fits the canvas at first, its start under the palette: drag the canvas to the
            // right, then zoom in on the flow with Ctrl and the wheel, as a person would.
            var canvas = await page.Locator(".owf-designer-canvas").BoundingBoxAsync() ?? throw new InvalidOperationException("The canvas has no box.");
            var (fromX, fromY) = (canvas.X + canvas.Width / 2, canvas.Y + canvas.Height - 60);
            await page.Mouse.MoveAsync(fromX, fromY);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(fromX + 350, fromY, new() { Steps = 8 });
            await page.Mouse.UpAsync();
            var middle = await page.EvaluateAsync<float[]?>(FlowMiddle, InsertionFlow);
            Assert.NotNull(middle);
            await page.Mouse.MoveAsync(middle[0], middle[1]);
            await page.Keyboard.DownAsync("Control");
            for (var step = 0; step < 6; step++)
            {
                await page.Mouse.WheelAsync(0, -120);
            }
            await page.Keyboard.UpAsync("Control");
            middle = await page.EvaluateAsync<float[]?>(FlowMiddle, InsertionFlow);
            Assert.NotNull(middle);
            await page.Locator(".djs-palette .entry[data-action='create.task']").ClickAsync();
            await page.Mouse.MoveAsync(middle[0] - 30, middle[1]);
            await page.Mouse.MoveAsync(middle[0], middle[1], new() { Steps = 5 });
            await page.Mouse.ClickAsync(middle[0], middle[1]);
            await page.Keyboard.PressAsync("Escape");
            await page.Locator(".djs-context-pad .entry[data-action='replace']").ClickAsync();
            await page.Locator(".djs-popup .entry[data-id='replace-with-user-task']").ClickAsync();
            taskId = await page.EvaluateAsync<string?>(SelectedShape) ?? throw new InvalidOperationException("No shape is selected after the replace.");
            await OpenGroupAsync(page, "general");
            var name = page.Locator("#bio-properties-panel-name");
            await name.FillAsync(TaskName);
            await Expect(page.Locator($".owf-designer-canvas [data-element-id='{taskId}'] .djs-label")).ToContainTextAsync("Confirm");

            // Saved without a task contract: a warning, at the element and in the panel; the draft is kept.
            var save = page.GetByRole(AriaRole.Button, new() { Name = ui.Design("Designer.Save") });
            await save.ClickAsync();
            var problem = page.GetByTestId("problems").Locator($"tr[data-element='{taskId}']");
            await Expect(problem).ToContainTextAsync("BPMN109");
            await Expect(page.Locator($".owf-designer-canvas .djs-element.owf-problem-warning[data-element-id='{taskId}']")).ToHaveCountAsync(1);

            // The problem row selects its element; the panel then edits that element.
            await page.Locator(".owf-designer-canvas").ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
            await problem.GetByRole(AriaRole.Button, new() { Name = ui.Design("Problems.Select", taskId) }).ClickAsync();
            await Expect(name).ToHaveValueAsync(TaskName);
            await OpenGroupAsync(page, "CamundaPlatform__UserAssignment");
            await page.Locator("#bio-properties-panel-candidateGroups").FillAsync("Sales");
            await OpenGroupAsync(page, "CamundaPlatform__Form");
            await page.Locator("#bio-properties-panel-formContract").CheckAsync();
            var fields = page.Locator("[data-group-id='group-CamundaPlatform__FormData']");
            await fields.Locator(".bio-properties-panel-add-entry").First.ClickAsync();
            var prefix = $"#bio-properties-panel-{taskId}-formField-0";
            await page.Locator($"{prefix}-formFieldLabel").FillAsync(FieldLabel);
            // A choice list without choices: an error the server finds on save.
            await page.Locator($"{prefix}-formFieldType").SelectOptionAsync("enum");
            await page.Locator($"{prefix}-formFieldID").FillAsync(FieldId);
            // Text edits are applied after a pause, in the order typed: once the list names the field by its new id, the label is in too.
            await Expect(fields).ToContainTextAsync(FieldId);
            await save.ClickAsync();
            await Expect(problem).ToContainTextAsync("BPMN101");
            await Expect(page.Locator($".owf-designer-canvas .djs-element.owf-problem-error[data-element-id='{taskId}']")).ToHaveCountAsync(1);
            await page.AssertAccessibleAsync(page.GetByRole(AriaRole.Main).Locator(".owf-designer-toolbar"));
            await page.SaveScreenshotAsync("designer-with-error");

            // Fixed: a free-text field.
            await page.Locator(".owf-designer-canvas").ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
            await problem.GetByRole(AriaRole.Button, new() { Name = ui.Design("Problems.Select", taskId) }).ClickAsync();
            await OpenGroupAsync(page, "CamundaPlatform__FormData");
            var type = page.Locator($"{prefix}-formFieldType");
            if (!await type.IsVisibleAsync())
            {
                await fields.Locator(".bio-properties-panel-collapsible-entry-header").Filter(new() { HasText = FieldId }).ClickAsync();
            }
            await type.SelectOptionAsync("string");

            await page.GetByRole(AriaRole.Button, new() { Name = ui.Design("Designer.Save") }).ClickAsync();
            await Expect(page.GetByTestId("designer-status")).ToHaveTextAsync(ui.Design("Designer.Saved"));
            await Expect(page.Locator(".owf-designer-canvas .owf-problem-error")).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { Name = ui.Design("Designer.Propose") }).ClickAsync();
            await Expect(page.GetByTestId("draft-state")).ToContainTextAsync(ui.Design("State.Proposed"));

            // The proposer may not publish their own change.
            await page.GetByRole(AriaRole.Button, new() { Name = ui.Design("Designer.Publish") }).ClickAsync();
            await Expect(page.GetByTestId("designer-refusal")).ToContainTextAsync("another admin");
            await page.SaveScreenshotAsync("designer-proposed");
        });

        var saved = await DraftXmlAsync(draftId);
        Assert.Contains($"<bpmn:userTask id=\"{taskId}\" name=\"{TaskName}\" camunda:candidateGroups=\"Sales\">", saved, StringComparison.Ordinal);
        Assert.Contains($"<camunda:formField id=\"{FieldId}\" label=\"{FieldLabel}\" type=\"string\"", saved, StringComparison.Ordinal);
        Assert.Equal(before, await LatestVersionAsync());

        await AsAsync(SecondAdmin, ui, async page =>
        {
            await page.GotoAsync($"/workflows/drafts/{draftId}");
            await page.GetByRole(AriaRole.Link, new() { Name = ui.Design("Designer.CompareWithBase") }).ClickAsync();
            var added = page.GetByTestId("changes").Locator($"tr[data-element='{taskId}']");
            await Expect(added).ToHaveAttributeAsync("data-change", "added");
            await Expect(page.Locator($".owf-diagram-canvas .djs-element.owf-diff-added[data-element-id='{taskId}']")).ToHaveCountAsync(1);
            await page.AssertAccessibleAsync();
            await page.SaveScreenshotAsync("workflow-diff");

            await page.GetByRole(AriaRole.Link, new() { Name = ui.Design("Diff.BackToDraft") }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = ui.Design("Designer.Publish") }).ClickAsync();
            await Expect(page.GetByTestId("draft-state")).ToContainTextAsync(ui.Design("State.Published"));

            // The case on the old version moves: it waits at a task both versions have.
            await page.GotoAsync($"/workflows/{Process}/migrate?from={before}&to={before + 1}");
            await page.GetByRole(AriaRole.Button, new() { Name = ui.Design("Migration.Preview") }).ClickAsync();
            var row = page.GetByTestId("preview").Locator($"tr[data-instance='{running}']");
            await Expect(row).ToHaveAttributeAsync("data-movable", "true");
            await page.AssertAccessibleAsync();
            await page.SaveScreenshotAsync("workflow-migration-preview");
            await row.GetByRole(AriaRole.Checkbox).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = ui.Design("Migration.MigrateSelected", 1) }).ClickAsync();
            // Jobs are off in the test server: the batch waits, queued, until the test runs it.
            var batch = page.GetByTestId("batches").Locator("tr[data-batch]");
            await Expect(batch).ToHaveCountAsync(1);
            await Expect(batch).ToContainTextAsync(ui.Design("Batches.State.Queued"));
            await server.Server.RunMigrationBatchesAsync();
            await Expect(batch).ToContainTextAsync(ui.Design("Batches.State.Completed"));
            await page.SaveScreenshotAsync("workflow-migration-done");
        });

        Assert.Equal(before + 1, await LatestVersionAsync());
        Assert.Equal(before + 1, await VersionOfAsync(running));

        // A new case runs the new version: the salesperson meets the new task first.
        var customer = "Designer Journey " + Guid.NewGuid().ToString("N")[..6];
        var application = await server.Onboarding.SubmitAsync(Users.Sally, Onboarding.Low, name: customer);
        var instance = await InstanceOfAsync(application);
        Assert.Equal(before + 1, await VersionOfAsync(instance));
        await AsAsync(Users.Sally, ui, async page =>
        {
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = customer }).Filter(new() { HasText = TaskName });
            await Expect(row).ToHaveCountAsync(1);
            await row.GetByRole(AriaRole.Link).First.ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/tasks/", StringComparison.Ordinal), Navigation.Committed);
            await page.GetByLabel(FieldLabel).FillAsync("Confirmed with the customer by phone.");
            await page.GetByRole(AriaRole.Button, new() { Name = ui.Task("Form.Submit") }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", Navigation.Committed);
            await Expect(page.GetByText(ui.Task("Complete.Done"))).ToBeVisibleAsync();
        });

        using var admin = await server.As(Users.Admin);
        var state = await Http.Json(await admin.GetAsync($"/api/workflow-instances/{instance}"), HttpStatusCode.OK);
        Assert.Contains(state.GetProperty("history").EnumerateArray(), e => e.GetProperty("elementId").GetString() == taskId && e.GetProperty("event").GetString() == "completed" && e.GetProperty("actor").GetString() == Users.Sally);
        Assert.Contains(state.GetProperty("waiting").EnumerateArray(), w => w.GetProperty("elementId").GetString() == "collectDocuments");
        Assert.Equal("Confirmed with the customer by phone.", state.GetProperty("variables").GetProperty(FieldId).GetString());
    }

    /// <summary>Opens a group of the properties panel (they start collapsed) unless it is open.</summary>
    private static async Task OpenGroupAsync(IPage page, string group)
    {
        var header = page.Locator($"[data-group-id='group-{group}'] .bio-properties-panel-group-header");
        if (!await header.EvaluateAsync<bool>("h => h.classList.contains('open')"))
        {
            await header.ClickAsync();
        }
    }

    private async Task AsAsync(string email, Ui ui, Func<IPage, Task> steps, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        await using var session = await BrowserSession.OpenAsync(await browser.NewContextAsync(server.BaseAddress, ui.Locale));
        try
        {
            await session.Page.SignInAsync(email, ui);
            await steps(session.Page);
        }
        catch (Exception failure)
        {
            throw await session.KeepFailureAsync($"{nameof(DesignerJourneyFacts)}.{test}.{email.Split('@')[0]}", failure);
        }
    }

    private async Task AddSecondAdminAsync()
    {
        using var admin = await server.As(Users.Admin);
        await Http.Ensure(await admin.PostAsJsonAsync("/api/users", new { email = SecondAdmin, password = OnboardingServer.Password, roles = new[] { "Admin" } }),
            HttpStatusCode.Created);
    }

    private async Task<int> LatestVersionAsync()
    {
        using var admin = await server.As(Users.Admin);
        var workflows = await Http.Json(await admin.GetAsync("/api/workflows"), HttpStatusCode.OK);
        return workflows.EnumerateArray().Single(w => w.GetProperty("key").GetString() == Process).GetProperty("latestVersion").GetInt32();
    }

    private async Task<string> DraftXmlAsync(Guid draft)
    {
        using var admin = await server.As(Users.Admin);
        var response = await admin.GetAsync($"/api/workflow-drafts/{draft}/xml");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<Guid> InstanceOfAsync(Guid application) =>
        (await server.Onboarding.DetailAsync(application)).GetProperty("application").GetProperty("instanceId").GetGuid();

    private async Task<int> VersionOfAsync(Guid instance)
    {
        using var admin = await server.As(Users.Admin);
        return (await Http.Json(await admin.GetAsync($"/api/workflow-instances/{instance}"), HttpStatusCode.OK)).GetProperty("processVersion").GetInt32();
    }
}
