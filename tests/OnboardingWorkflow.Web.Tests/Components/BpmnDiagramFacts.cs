using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OnboardingWorkflow.Web.Components.Bpmn;

namespace OnboardingWorkflow.Web.Tests.Components;

/// <summary>
/// What BpmnDiagram asks of its script (the script itself runs in Chromium in BpmnDiagramScriptFacts):
/// one load per URL, decorations re-sent only when they change, clicks passed on, failures shown
/// as a localized message, the viewer disposed with the component.
/// </summary>
public sealed class BpmnDiagramFacts : BunitContext
{
    private const string ModulePath = "./_content/OnboardingWorkflow.Web/js/bpmn-diagram.js";
    private readonly BunitJSModuleInterop _view;

    public BpmnDiagramFacts()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Services.AddLocalization();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        var module = JSInterop.SetupModule(ModulePath);
        _view = module.SetupModule(invocation => invocation.Identifier == "create");
        _view.SetupVoid("decorate", _ => true).SetVoidResult();
        _view.SetupVoid("dispose", _ => true).SetVoidResult();
    }

    [Fact]
    public void The_diagram_is_a_labelled_figure_loaded_from_its_url_with_its_decorations()
    {
        _view.Setup<string>("load", _ => true).SetResult("loaded");
        var diagram = Render<BpmnDiagram>(p => p
            .Add(d => d.XmlUrl, "/api/workflow-instances/1/diagram")
            .Add(d => d.AriaLabel, "Process of the case")
            .Add(d => d.Highlighted, ["approveManager"])
            .Add(d => d.Overlays, [new DiagramOverlay("approveManager", "2", DiagramOverlayKind.Tokens), new DiagramOverlay("screening", "1", DiagramOverlayKind.Incidents)]));

        var canvas = diagram.Find("[role=figure]");
        Assert.Equal("Process of the case", canvas.GetAttribute("aria-label"));
        diagram.WaitForAssertion(() => Assert.Equal("false", diagram.Find("[role=figure]").GetAttribute("aria-busy")));
        Assert.Equal("/api/workflow-instances/1/diagram", Assert.Single(_view.Invocations["load"]).Arguments[0]);
        var decorate = Assert.Single(_view.Invocations["decorate"]);
        Assert.Equal(["approveManager"], (IEnumerable<string>)decorate.Arguments[0]!);
        var badges = System.Text.Json.JsonSerializer.Serialize(decorate.Arguments[1], System.Text.Json.JsonSerializerOptions.Web);
        Assert.Equal("""[{"elementId":"approveManager","text":"2","kind":"tokens"},{"elementId":"screening","text":"1","kind":"incidents"}]""", badges);
        Assert.Empty(diagram.FindAll(".mud-alert"));
    }

    [Fact]
    public void New_decorations_are_sent_without_reloading_and_a_new_url_reloads()
    {
        _view.Setup<string>("load", _ => true).SetResult("loaded");
        var diagram = Render<BpmnDiagram>(p => p.Add(d => d.XmlUrl, "/a").Add(d => d.AriaLabel, "x"));
        diagram.WaitForAssertion(() => Assert.Single(_view.Invocations["load"]));

        Assert.Empty(_view.Invocations["decorate"]);

        diagram.Render(p => p.Add(d => d.XmlUrl, "/a").Add(d => d.AriaLabel, "x").Add(d => d.Highlighted, ["t1"]));
        diagram.WaitForAssertion(() => Assert.Single(_view.Invocations["decorate"]));
        Assert.Single(_view.Invocations["load"]);

        diagram.Render(p => p.Add(d => d.XmlUrl, "/a").Add(d => d.AriaLabel, "x").Add(d => d.Highlighted, ["t1"]));
        Assert.Single(_view.Invocations["decorate"]);

        diagram.Render(p => p.Add(d => d.XmlUrl, "/b").Add(d => d.AriaLabel, "x").Add(d => d.Highlighted, ["t1"]));
        diagram.WaitForAssertion(() => Assert.Equal(2, _view.Invocations["load"].Count));
        Assert.Equal("/b", _view.Invocations["load"][1].Arguments[0]);
    }

    [Theory]
    [InlineData("en", "notFound", "The diagram is not available")]
    [InlineData("en", "invalidXml", "its BPMN file is not valid")]
    [InlineData("en", "httpError", "could not be loaded")]
    [InlineData("zh-CN", "notFound", "流程图不可用")]
    public void A_failed_load_shows_a_localized_message(string culture, string outcome, string message)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        _view.Setup<string>("load", _ => true).SetResult(outcome);
        var diagram = Render<BpmnDiagram>(p => p.Add(d => d.XmlUrl, "/a").Add(d => d.AriaLabel, "x"));
        diagram.WaitForAssertion(() => Assert.Contains(message, diagram.Find(".mud-alert").TextContent));
    }

    [Fact]
    public async Task A_click_reaches_the_page_and_disposing_destroys_the_viewer()
    {
        _view.Setup<string>("load", _ => true).SetResult("loaded");
        string? clicked = null;
        var diagram = Render<BpmnDiagram>(p => p.Add(d => d.XmlUrl, "/a").Add(d => d.AriaLabel, "x").Add(d => d.ElementClicked, (string id) => clicked = id));
        diagram.WaitForAssertion(() => Assert.Single(_view.Invocations["load"]));
        Assert.Contains("owf-clickable", diagram.Find("[role=figure]").ClassName);

        await diagram.InvokeAsync(() => diagram.Instance.OnElementClicked("approveAnalyst"));
        Assert.Equal("approveAnalyst", clicked);

        await diagram.Instance.DisposeAsync();
        Assert.Single(_view.Invocations["dispose"]);
    }
}
