using Microsoft.Playwright;

namespace OnboardingWorkflow.Web.Tests.Browser;

/// <summary>
/// The diagram script (wwwroot/js/bpmn-diagram.js with the committed bpmn-js bundle) in real
/// Chromium under the product's CSP, driven as BpmnDiagram.razor drives it: the shipped
/// onboarding workflow renders from the cookie-authenticated API, markers and badges show,
/// the bpmn.io watermark is visible, clicks report element ids and failures come back as outcomes.
/// </summary>
public sealed class BpmnDiagramScriptFacts(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string ShippedXml = "/api/workflows/customerOnboarding/versions/1/xml";

    [Fact]
    public async Task The_shipped_workflow_renders_with_markers_badges_and_the_watermark()
    {
        var (page, console) = await SignedInPageAsync();
        await OpenAsync(page, ShippedXml, "loaded");

        foreach (var id in new[] { "collectDocuments", "reviewDocuments", "approveCommittee" })
        {
            Assert.Equal(1, await page.Locator($"svg g.djs-element[data-element-id='{id}']").CountAsync());
        }

        Assert.True(await page.Locator("svg g.djs-shape").CountAsync() > 20);
        Assert.Contains("owf-highlighted", await page.Locator("g.djs-element[data-element-id='collectDocuments']").GetAttributeAsync("class"));
        Assert.DoesNotContain("owf-highlighted", await page.Locator("g.djs-element[data-element-id='reviewDocuments']").GetAttributeAsync("class"));
        Assert.Equal("2", await page.Locator(".djs-overlays[data-container-id='collectDocuments'] .owf-badge-tokens").InnerTextAsync());
        Assert.Equal("1", await page.Locator(".djs-overlays[data-container-id='reviewDocuments'] .owf-badge-incidents").InnerTextAsync());
        Assert.Equal(2, await page.Locator(".owf-badge").CountAsync());

        var watermark = page.Locator(".bjs-powered-by");
        Assert.True(await watermark.IsVisibleAsync());
        var box = await watermark.BoundingBoxAsync();
        Assert.True(box is { Width: > 0, Height: > 0 }, $"watermark box: {box?.Width}x{box?.Height}");
        Assert.Equal("1", await watermark.EvaluateAsync<string>("e => getComputedStyle(e).opacity"));
        Assert.Contains("bpmn.io", await watermark.GetAttributeAsync("href"));

        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.True(console.Count == 0, string.Join("\n", console));
    }

    [Fact]
    public async Task Decorations_are_replaced_without_reloading_and_clicks_report_the_element()
    {
        var (page, _) = await SignedInPageAsync();
        await OpenAsync(page, ShippedXml, "loaded");

        await page.EvaluateAsync("() => window.diagramView.decorate(['reviewDocuments'], [{ elementId: 'approveCommittee', text: '3', kind: 'tokens' }])");
        Assert.DoesNotContain("owf-highlighted", await page.Locator("g.djs-element[data-element-id='collectDocuments']").GetAttributeAsync("class"));
        Assert.Contains("owf-highlighted", await page.Locator("g.djs-element[data-element-id='reviewDocuments']").GetAttributeAsync("class"));
        Assert.Equal(["3"], await page.Locator(".owf-badge").AllInnerTextsAsync());

        await page.Locator("g.djs-element[data-element-id='recordFindings'] .djs-hit").First.ClickAsync(new() { Force = true });
        await page.WaitForFunctionAsync("() => window.diagramClicks.length > 0");
        Assert.Equal(["OnElementClicked:recordFindings"], await page.EvaluateAsync<string[]>("() => window.diagramClicks"));
    }

    [Theory]
    [InlineData("/api/workflows/noSuchProcess/versions/1/xml", "notFound")]
    [InlineData("/_test/bad.bpmn", "invalidXml")]
    public async Task A_failed_load_answers_an_outcome_instead_of_throwing(string url, string outcome)
    {
        var (page, _) = await SignedInPageAsync();
        await OpenAsync(page, url, outcome);
        Assert.Equal(0, await page.Locator("svg g.djs-shape").CountAsync());
    }

    [Fact]
    public async Task Without_a_session_the_xml_is_refused()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.Host.BaseAddress.ToString() });
        Infrastructure.BrowserFixture.SlowMachineTimeouts(context);
        var page = await context.NewPageAsync();
        await OpenAsync(page, ShippedXml, "httpError");
    }

    private async Task<(IPage Page, List<string> Console)> SignedInPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.Host.BaseAddress.ToString() });
        Infrastructure.BrowserFixture.SlowMachineTimeouts(context);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                console.Add(message.Text);
            }
        };
        await BrowserFixture.SignInAsync(page);
        console.Clear();
        return (page, console);
    }

    private static async Task OpenAsync(IPage page, string xmlUrl, string expectedOutcome)
    {
        await page.GotoAsync("/_test/diagram.html?xml=" + Uri.EscapeDataString(xmlUrl));
        await page.WaitForFunctionAsync("() => document.body.dataset.outcome !== undefined");
        Assert.Equal(expectedOutcome, await page.EvaluateAsync<string>("() => document.body.dataset.outcome"));
    }
}
