using System.Xml.Linq;
using OnboardingWorkflow.Application.Workflow;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Parsing;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Application.Tests.Workflow;

/// <summary>
/// The diff of two versions of the shipped onboarding flow, each edit made the way the designer
/// would make it (on the XML) and each expected to show up exactly once, as what an admin changed.
/// </summary>
public sealed class ProcessDifferFacts
{
    private const string Key = "customerOnboarding";
    private static readonly XNamespace Bpmn = BpmnParser.BpmnNs;
    private static readonly XNamespace Camunda = BpmnParser.CamundaNs;
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    private static readonly string Shipped = File.ReadAllText(RepositoryRoot.Combine("workflows", "customer-onboarding.bpmn"));

    [Fact]
    public void Compare_FindsNothing_WhenTheXmlIsTheSame()
    {
        Assert.Empty(Diff(Shipped));
    }

    [Fact]
    public void Compare_FindsNothing_WhenOnlyAShapeMoved()
    {
        var edited = Edit(document =>
        {
            var bounds = document.Descendants(Dc + "Bounds").First(b => (string?)b.Parent!.Attribute("bpmnElement") == "reviewDocuments");
            bounds.SetAttributeValue("x", "1500");
            bounds.SetAttributeValue("y", "900");
        });

        Assert.NotEqual(Shipped, edited);
        Assert.Empty(Diff(edited));
    }

    [Fact]
    public void Compare_ShowsAnAddedUserTask_WithItsFormFieldAndCandidateGroup_AndTheFlowRewiredToIt()
    {
        var edited = Edit(document =>
        {
            var process = Process(document);
            Element(document, "notDuplicateFlow").SetAttributeValue("targetRef", "confirmIdentity");
            process.Add(
                new XElement(Bpmn + "userTask", new XAttribute("id", "confirmIdentity"), new XAttribute("name", "Confirm identity"),
                    new XAttribute(Camunda + "candidateGroups", "Sales"),
                    new XElement(Bpmn + "extensionElements",
                        new XElement(Camunda + "formData",
                            new XElement(Camunda + "formField", new XAttribute("id", "identityConfirmed"), new XAttribute("label", "Identity confirmed"), new XAttribute("type", "boolean"),
                                new XElement(Camunda + "validation", new XElement(Camunda + "constraint", new XAttribute("name", "required"))))))),
                new XElement(Bpmn + "sequenceFlow", new XAttribute("id", "toScreenApplicant"), new XAttribute("sourceRef", "confirmIdentity"), new XAttribute("targetRef", "screenApplicant")));
        });

        var changes = Diff(edited);

        Assert.Collection(changes,
            rewired =>
            {
                Assert.Equal(("notDuplicateFlow", "changed", "sequenceFlow"), (rewired.ElementId, rewired.Change, rewired.ElementType));
                Assert.Equal([new AttributeChange("targetRef", "screenApplicant", "confirmIdentity")], rewired.Details);
            },
            task =>
            {
                Assert.Equal(("confirmIdentity", "added", "userTask", "Confirm identity"), (task.ElementId, task.Change, task.ElementType, task.Name));
                Assert.Contains(new AttributeChange("candidateGroups", null, "Sales"), task.Details);
                Assert.Contains(new AttributeChange("formField.identityConfirmed", null, "type=boolean; label=Identity confirmed; required"), task.Details);
                Assert.DoesNotContain(task.Details, d => d.Before is not null);
            },
            flow =>
            {
                Assert.Equal(("toScreenApplicant", "added", "sequenceFlow"), (flow.ElementId, flow.Change, flow.ElementType));
                Assert.Contains(new AttributeChange("sourceRef", null, "confirmIdentity"), flow.Details);
                Assert.Contains(new AttributeChange("targetRef", null, "screenApplicant"), flow.Details);
            });
    }

    [Fact]
    public void Compare_ShowsAChangedCandidateGroup()
    {
        var edited = Edit(document => Element(document, "reviewDocuments").SetAttributeValue(Camunda + "candidateGroups", "CreditManager"));

        var change = Assert.Single(Diff(edited));

        Assert.Equal(("reviewDocuments", "changed", "userTask", "Review documents"), (change.ElementId, change.Change, change.ElementType, change.Name));
        Assert.Equal([new AttributeChange("candidateGroups", "CreditAnalyst", "CreditManager")], change.Details);
    }

    [Fact]
    public void Compare_ShowsAChangedCondition_InsideASubProcess()
    {
        var edited = Edit(document => Element(document, "siteVisitNeededFlow").Element(Bpmn + "conditionExpression")!.Value = "${requestedLimit >= siteVisitThreshold}");

        var change = Assert.Single(Diff(edited));

        Assert.Equal(("siteVisitNeededFlow", "changed", "Above threshold"), (change.ElementId, change.Change, change.Name));
        Assert.Equal([new AttributeChange("condition", "${requestedLimit > siteVisitThreshold}", "${requestedLimit >= siteVisitThreshold}")], change.Details);
    }

    [Fact]
    public void Compare_ShowsAChangedDueDate()
    {
        var edited = Edit(document => Element(document, "collectDocuments").SetAttributeValue(Camunda + "dueDate", "P10D"));

        var change = Assert.Single(Diff(edited));

        Assert.Equal("collectDocuments", change.ElementId);
        Assert.Equal([new AttributeChange("dueDate", "P14D", "P10D")], change.Details);
    }

    [Fact]
    public void Compare_ShowsARemovedBoundaryEvent_AndItsFlow()
    {
        var edited = Edit(document =>
        {
            Element(document, "documentReminderTimer").Remove();
            Element(document, "toSendDocumentReminder").Remove();
        });

        var changes = Diff(edited);

        Assert.Equal([("documentReminderTimer", "removed", "boundaryEvent"), ("toSendDocumentReminder", "removed", "sequenceFlow")],
            changes.Select(c => (c.ElementId, c.Change, c.ElementType)));
        var timer = changes[0];
        Assert.Equal("Every 3 days", timer.Name);
        Assert.Contains(new AttributeChange("timer", "cycle R/P3D", null), timer.Details);
        Assert.Contains(new AttributeChange("cancelActivity", "false", null), timer.Details);
        Assert.DoesNotContain(timer.Details, d => d.After is not null);
    }

    [Fact]
    public void Compare_ShowsEachChangedPartOfAFormField()
    {
        var edited = Edit(document =>
        {
            var field = Element(document, "reviewDocuments").Descendants(Camunda + "formField").Single(f => (string?)f.Attribute("id") == "returnReason");
            field.Descendants(Camunda + "constraint").Single().SetAttributeValue("config", "500");
            field.Element(Camunda + "validation")!.Add(new XElement(Camunda + "constraint", new XAttribute("name", "required")));
        });

        var change = Assert.Single(Diff(edited));

        Assert.Equal("reviewDocuments", change.ElementId);
        Assert.Equal([new AttributeChange("formField.returnReason.maxlength", "2000", "500"), new AttributeChange("formField.returnReason.required", null, "true")], change.Details);
    }

    [Fact]
    public void Compare_ShowsTimerMessageMultiInstanceAndPropertyChanges()
    {
        var edited = Edit(document =>
        {
            Element(document, "documentDeadlineTimer").Descendants(Bpmn + "timeDuration").Single().Value = "P21D";
            Element(document, "approveCommittee").Element(Bpmn + "multiInstanceLoopCharacteristics")!.SetAttributeValue("isSequential", "true");
            Element(document, "siteVisit").Descendants(Camunda + "property").Single(p => (string?)p.Attribute("name") == "fourEyes").SetAttributeValue("value", "true");
        });

        var changes = Diff(edited);

        Assert.Equal(["approveCommittee", "documentDeadlineTimer", "siteVisit"], changes.Select(c => c.ElementId));
        Assert.Equal([new AttributeChange("multiInstance", "parallel", "sequential")], changes[0].Details);
        Assert.Equal([new AttributeChange("timer", "duration P14D", "duration P21D")], changes[1].Details);
        Assert.Equal([new AttributeChange("property.fourEyes", "maker", "true")], changes[2].Details);
    }

    [Fact]
    public void Compare_ShowsAsyncAfterAndARetryCycle()
    {
        var edited = Edit(document =>
        {
            var task = Element(document, "collectDocuments");
            task.SetAttributeValue(Camunda + "asyncAfter", "true");
            task.Element(Bpmn + "extensionElements")!.Add(new XElement(Camunda + "failedJobRetryTimeCycle", "R5/PT1H"));
        });

        var change = Assert.Single(Diff(edited));

        Assert.Equal("collectDocuments", change.ElementId);
        Assert.Equal([new AttributeChange("asyncAfter", null, "true"), new AttributeChange("failedJobRetryTimeCycle", null, "R5/PT1H")], change.Details);
    }

    [Fact]
    public void Compare_ShowsAServiceTaskMadeExternal_WithItsTopicAndWhatItsWorkerMaySet()
    {
        var edited = Edit(document =>
        {
            var task = Element(document, "checkDuplicate");
            task.SetAttributeValue(Camunda + "delegateExpression", null);
            task.SetAttributeValue(Camunda + "type", "external");
            task.SetAttributeValue(Camunda + "topic", "duplicate-check");
            var extensions = task.Element(Bpmn + "extensionElements") ?? new XElement(Bpmn + "extensionElements");
            extensions.Add(new XElement(Camunda + "formData", new XElement(Camunda + "formField", new XAttribute("id", "duplicateFound"), new XAttribute("type", "boolean"))));
            if (extensions.Parent is null)
            {
                task.Add(extensions);
            }
        });

        var change = Assert.Single(Diff(edited));

        Assert.Equal("checkDuplicate", change.ElementId);
        var details = change.Details.ToDictionary(d => d.Attribute, d => (d.Before, d.After));
        Assert.Equal(("duplicateCheck", null), details["handler"]);
        Assert.Equal((null, "external"), details["implementationType"]);
        Assert.Equal((null, "duplicate-check"), details["topic"]);
        Assert.Equal((null, "declared"), details["formData"]);
        Assert.Contains(details.Keys, k => k.EndsWith("duplicateFound", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_ShortensLongValues()
    {
        var longCondition = "${" + string.Join(" || ", Enumerable.Repeat("requestedLimit > siteVisitThreshold", 20)) + "}";
        var edited = Edit(document => Element(document, "siteVisitNeededFlow").Element(Bpmn + "conditionExpression")!.Value = longCondition);

        var detail = Assert.Single(Assert.Single(Diff(edited)).Details);

        Assert.Equal(ProcessDiffer.MaxValueLength, detail.After!.Length);
        Assert.EndsWith("…", detail.After);
    }

    [Fact]
    public void Compare_AgainstNothing_ListsEveryElementAsAdded()
    {
        var process = Parse(Shipped);

        var changes = ProcessDiffer.Compare(null, process);

        Assert.All(changes, c => Assert.Equal("added", c.Change));
        Assert.Contains(changes, c => c.ElementId == "siteVisit");
        Assert.Contains(changes, c => c.ElementId == Key && c.ElementType == "process");
        Assert.Equal(changes.Select(c => c.ElementId).Order(StringComparer.Ordinal), changes.Select(c => c.ElementId));
    }

    private static IReadOnlyList<ElementChange> Diff(string edited) => ProcessDiffer.Compare(Parse(Shipped), Parse(edited));

    private static ProcessDefinition Parse(string xml) => BpmnParser.Parse(xml).Processes.Single(p => p.Key == Key);

    private static string Edit(Action<XDocument> edit)
    {
        var document = XDocument.Parse(Shipped);
        edit(document);
        return document.ToString();
    }

    private static XElement Process(XDocument document) => document.Root!.Elements(Bpmn + "process").Single(p => (string?)p.Attribute("id") == Key);

    private static XElement Element(XDocument document, string id) => Process(document).Descendants().Single(e => (string?)e.Attribute("id") == id);
}
