using System.Text.Json;
using System.Xml.Linq;
using OnboardingWorkflow.Application.Workflow;
using OnboardingWorkflow.Engine.Parsing;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Web.Tests.Browser;

/// <summary>
/// The shipped flows, written in Camunda Modeler's dialect (bpmn, bpmndi and camunda namespaces, one
/// DI plane), go through the designer and come out as Camunda Modeler reads them: the designer is the
/// same bpmn-js with the same camunda-bpmn-moddle that Camunda Modeler 5 runs. Imported and exported
/// again, every element, attribute, text and extension is kept; what differs is only what is expected
/// of a modeler: the exporter's name and version on the root. The exported file parses to the same
/// process (no change by the diff the versions page shows) and imports again without a warning.
/// </summary>
public sealed class RoundTripFacts(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Attributes a modeler writes about itself on &lt;definitions&gt;, as Camunda Modeler does.</summary>
    private static readonly string[] ExpectedRootAttributes = ["exporter", "exporterVersion"];

    private static readonly XNamespace Modeler = "http://camunda.org/schema/modeler/1.0";

    [Theory]
    [InlineData("customer-onboarding.bpmn", false)]
    [InlineData("credit-limit-change.bpmn", false)]
    [InlineData("overdue-escalation.bpmn", false)]
    [InlineData("periodic-review.bpmn", false)]
    [InlineData("qualification-renewal.bpmn", false)]
    [InlineData("risk-remediation.bpmn", false)]
    [InlineData("customer-onboarding.bpmn", true)]
    public async Task A_shipped_flow_comes_back_from_the_designer_with_only_the_expected_differences(string file, bool savedByCamundaModeler)
    {
        var original = await File.ReadAllTextAsync(RepositoryRoot.Combine("workflows", file));
        if (savedByCamundaModeler)
        {
            original = AsCamundaModelerSavesIt(original);
        }

        var (page, console) = await fixture.OpenModelerAsync();

        await ImportAsync(page, original);
        var exported = await page.EvaluateAsync<string>("() => window.designer.exportXml()");

        var differences = XmlDifferences.Between(XDocument.Parse(original).Root!, XDocument.Parse(exported).Root!)
            .Where(d => !(d.Path == "/definitions" && ExpectedRootAttributes.Contains(d.Attribute)))
            .ToList();
        Assert.True(differences.Count == 0, $"{file} changed in the designer:{Environment.NewLine}{string.Join(Environment.NewLine, differences)}");

        var before = BpmnParser.Parse(original);
        var after = BpmnParser.Parse(exported);
        Assert.False(after.HasErrors, string.Join(Environment.NewLine, after.Diagnostics));
        Assert.Equal(before.Diagnostics.Select(d => (d.Code, d.ElementId)), after.Diagnostics.Select(d => (d.Code, d.ElementId)));
        Assert.Empty(ProcessDiffer.Compare(before.Processes.Single(p => p.IsExecutable), after.Processes.Single(p => p.IsExecutable)));

        await ImportAsync(page, exported);
        if (savedByCamundaModeler)
        {
            // Camunda Modeler's own attributes are kept, so the file opens there on the platform it was made for.
            var root = XDocument.Parse(exported).Root!;
            Assert.Equal("Camunda Platform", root.Attribute(Modeler + "executionPlatform")?.Value);
            Assert.Equal("7.22.0", root.Attribute(Modeler + "executionPlatformVersion")?.Value);
        }

        Assert.Equal(exported, await page.EvaluateAsync<string>("() => window.designer.exportXml()"));
        Assert.Empty(console);
    }

    [Fact]
    public void The_comparison_sees_a_changed_attribute_a_lost_element_and_changed_text()
    {
        var before = XElement.Parse("""<a xmlns:x="urn:x"><b id="1" x:k="v">text</b><c id="2"/></a>""");
        var after = XElement.Parse("""<a xmlns:y="urn:x"><b id="1" y:k="w">other</b></a>""");

        var differences = XmlDifferences.Between(before, after).Select(d => d.ToString()).ToList();

        Assert.Contains(differences, d => d.Contains("/a/b[@id='1']", StringComparison.Ordinal) && d.Contains("{urn:x}k", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("text", StringComparison.Ordinal) && d.Contains("other", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("c[@id='2']", StringComparison.Ordinal));
        // Prefixes are only names for namespaces: x:k and y:k of the same namespace are one attribute.
        Assert.Equal(3, differences.Count);
    }

    /// <summary>The file as Camunda Modeler 5 writes it on save: its name, version and target platform on the root.</summary>
    private static string AsCamundaModelerSavesIt(string xml)
    {
        var document = XDocument.Parse(xml);
        var root = document.Root!;
        root.Add(new XAttribute(XNamespace.Xmlns + "modeler", Modeler.NamespaceName),
            new XAttribute("exporter", "Camunda Modeler"), new XAttribute("exporterVersion", "5.31.0"),
            new XAttribute(Modeler + "executionPlatform", "Camunda Platform"), new XAttribute(Modeler + "executionPlatformVersion", "7.22.0"));
        return document.Declaration + Environment.NewLine + document.ToString();
    }

    /// <summary>Imports the XML into the designer and asserts it loaded without a warning.</summary>
    private static async Task ImportAsync(IPage page, string xml)
    {
        var answer = await page.EvaluateAsync<JsonElement>("xml => window.designer.importXml(xml)", xml);
        Assert.Equal("loaded", answer.GetProperty("outcome").GetString());
        Assert.Equal(0, answer.GetProperty("warnings").GetArrayLength());
    }
}
