using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OnboardingWorkflow.Web.Tests.Browser;

/// <summary>
/// The designer bundle (wwwroot/lib/bpmn/bpmn-modeler.js) in real Chromium under the product's CSP,
/// driven through its module API as the designer page will drive it: the shipped onboarding
/// workflow loads from the cookie-authenticated API without import warnings, the palette speaks
/// Chinese for zh-CN, a task added from the palette and turned into a user task through the context
/// pad is exported and saved over HTTP, the bpmn.io watermark stays uncovered, and the properties
/// panel offers nothing the engine does not run.
/// </summary>
public sealed partial class BpmnModelerScriptFacts(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_shipped_workflow_loads_without_warnings_and_a_palette_task_is_exported_and_saved()
    {
        var (page, console) = await fixture.OpenModelerAsync("zh-CN");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.loadResult.warnings.length"));

        var createTask = page.Locator(".djs-palette .entry[data-action='create.task']");
        Assert.Equal("创建任务", await createTask.GetAttributeAsync("aria-label"));
        Assert.Equal("创建开始事件", await page.Locator(".djs-palette .entry[data-action='create.start-event']").GetAttributeAsync("aria-label"));
        var userTasksBefore = UserTaskIds(await ExportAsync(page));

        var spot = await page.EvaluateAsync<float[]?>("() => { const p = window.freeSpotInLane(); return p && [p.x, p.y]; }");
        Assert.NotNull(spot);
        var (x, y) = (spot[0], spot[1]);
        await createTask.ClickAsync();
        await page.Mouse.MoveAsync(x - 20, y);
        await page.Mouse.MoveAsync(x, y, new() { Steps = 4 });
        await page.Mouse.ClickAsync(x, y);
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.designer.modeler.get('selection').get().filter(e => e.type === 'bpmn:Task').length"));

        // The new task opens its label for typing; leave it empty, then change the type through the context pad.
        await page.Keyboard.PressAsync("Escape");
        var replace = page.Locator(".djs-context-pad .entry[data-action='replace']");
        Assert.Equal("更改元素类型", await replace.GetAttributeAsync("title"));
        await replace.ClickAsync();
        var toUserTask = page.Locator(".djs-popup .entry[data-id='replace-with-user-task']");
        Assert.Contains("用户任务", await toUserTask.InnerTextAsync());
        await toUserTask.ClickAsync();

        var added = UserTaskIds(await ExportAsync(page)).Except(userTasksBefore).ToList();
        var newId = Assert.Single(added);
        Assert.Equal("bpmn:UserTask", await page.EvaluateAsync<string>($"() => window.designer.modeler.get('elementRegistry').get('{newId}').type"));
        await page.WaitForFunctionAsync("() => window.designerChanges.some(c => c.method === 'OnDiagramChanged' && c.dirty && c.canUndo)");

        Assert.Equal("saved", await page.EvaluateAsync<string>("async () => (await window.designer.saveTo('/_test/saved', 'token-123')).outcome"));
        var request = Assert.Single(fixture.Host.Saved, r => r.Body.Contains($"<bpmn:userTask id=\"{newId}\"", StringComparison.Ordinal));
        Assert.Equal("token-123", request.AntiforgeryToken);
        Assert.StartsWith("application/xml", request.ContentType);
        Assert.False(await page.EvaluateAsync<bool>("() => window.designer.isDirty()"));

        // As JSON with extra fields, the shape of PUT /api/workflow-drafts/{id}; the answer comes back without the XML.
        Assert.Equal("""{"revision":2}""", await page.EvaluateAsync<string>(
            "async () => JSON.stringify((await window.designer.saveTo('/_test/saved', 'token-123', { fields: { revision: 1, comment: 'Adds a task' } })).result)"));
        var json = System.Text.Json.JsonDocument.Parse(fixture.Host.Saved.Last().Body).RootElement;
        Assert.Equal(1, json.GetProperty("revision").GetInt32());
        Assert.Contains($"<bpmn:userTask id=\"{newId}\"", json.GetProperty("xml").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("application/json", fixture.Host.Saved.Last().ContentType);

        var watermark = page.Locator("a.bjs-powered-by");
        Assert.True(await watermark.IsVisibleAsync());
        Assert.Contains("bpmn.io", await watermark.GetAttributeAsync("href"));
        Assert.Equal("1", await watermark.EvaluateAsync<string>("e => getComputedStyle(e).opacity"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.watermarkUncovered()"), "something lies over the bpmn.io watermark");

        Assert.True(console.Count == 0, string.Join("\n", console));
    }

    [Fact]
    public async Task The_service_task_panel_offers_handlers_and_expressions_but_no_java_connectors_or_listeners()
    {
        var (page, console) = await fixture.OpenModelerAsync("en");
        Assert.True(await page.EvaluateAsync<bool>("() => window.designer.selectElement('checkDuplicate')"));
        await page.Locator("#panel [data-group-id='group-CamundaPlatform__Implementation']").WaitForAsync();

        var groups = await GroupTitlesAsync(page);
        Assert.Contains("Implementation", groups);
        Assert.DoesNotContain(groups, g => g.Contains("Java", StringComparison.OrdinalIgnoreCase)
            || g.Contains("Connector", StringComparison.OrdinalIgnoreCase)
            || g.Contains("listener", StringComparison.OrdinalIgnoreCase)
            || g.Contains("Field injection", StringComparison.OrdinalIgnoreCase)
            || g.Contains("External task", StringComparison.OrdinalIgnoreCase)
            || g.Contains("Job execution", StringComparison.OrdinalIgnoreCase)
            || g is "Inputs" or "Outputs");

        var options = await page.Locator("#panel select[name='implementationType'] option").AllInnerTextsAsync();
        Assert.Equal(["<none>", "Handler (delegate expression)", "JavaScript expression"], options);
        Assert.Equal("${duplicateCheck}", await page.Locator("#panel input[name='delegateExpression']").InputValueAsync());
        Assert.Equal(0, await page.Locator("#panel input[name='asynchronousContinuationAfter']").CountAsync());
        Assert.True(console.Count == 0, string.Join("\n", console));
    }

    [Fact]
    public async Task The_user_task_panel_keeps_assignment_form_key_contract_and_properties_in_chinese()
    {
        var (page, _) = await fixture.OpenModelerAsync("zh-CN");
        Assert.True(await page.EvaluateAsync<bool>("() => window.designer.selectElement('reviewDocuments')"));
        await page.Locator("#panel [data-group-id='group-CamundaPlatform__UserAssignment']").WaitForAsync();

        var groups = await GroupTitlesAsync(page);
        Assert.Contains("用户分配", groups);
        Assert.Contains("表单字段", groups);
        Assert.Contains("扩展属性", groups);
        Assert.Equal(0, await page.Locator("#panel [data-group-id='group-CamundaPlatform__TaskListener']").CountAsync());
        Assert.Equal(0, await page.Locator("#panel [data-group-id='group-CamundaPlatform__ExecutionListener']").CountAsync());

        // The form key and the task contract are independent: no "form type" select that would drop one.
        Assert.Equal("onboarding/review-documents", await page.Locator("#panel input[name='formKey']").InputValueAsync());
        Assert.True(await page.Locator("#panel input[name='formContract']").IsCheckedAsync());
        Assert.Equal(0, await page.Locator("#panel select[name='formType']").CountAsync());
        Assert.Contains("JavaScript", await page.Locator("#panel [data-entry-id='dueDate'] .bio-properties-panel-description").InnerTextAsync());
    }

    [Fact]
    public async Task Problems_are_marked_on_their_elements_and_replaced_on_the_next_call()
    {
        var (page, _) = await fixture.OpenModelerAsync("en");
        Assert.Equal(1, await page.EvaluateAsync<int>(
            "() => window.designer.markProblems([{ elementId: 'reviewDocuments', severity: 'error', message: 'No outgoing flow' }, { elementId: 'noSuchElement', severity: 'warning', message: 'x' }])"));
        Assert.Contains("owf-problem-error", await page.Locator("g.djs-element[data-element-id='reviewDocuments']").GetAttributeAsync("class"));
        Assert.Equal("No outgoing flow", await page.Locator(".djs-overlays[data-container-id='reviewDocuments'] .owf-problem-error").GetAttributeAsync("title"));

        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.designer.markProblems([{ elementId: 'checkDuplicate', severity: 'warning', message: 'Slow' }])"));
        Assert.Equal(0, await page.Locator(".owf-problem-error").CountAsync());
        Assert.Equal(1, await page.Locator(".djs-overlays[data-container-id='checkDuplicate'] .owf-problem-warning").CountAsync());
    }

    private static Task<string> ExportAsync(IPage page) => page.EvaluateAsync<string>("() => window.designer.exportXml()");

    private static async Task<IReadOnlyList<string>> GroupTitlesAsync(IPage page) =>
        (await page.Locator("#panel .bio-properties-panel-group-header-title").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();

    private static HashSet<string> UserTaskIds(string xml) =>
        UserTaskId().Matches(xml).Select(m => m.Groups[1].Value).ToHashSet();

    [GeneratedRegex("<bpmn:userTask id=\"([^\"]+)\"")]
    private static partial Regex UserTaskId();
}
