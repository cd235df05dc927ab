using OnboardingWorkflow.Engine.Parsing;
using static OnboardingWorkflow.Engine.Tests.Parsing.Validation;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

public sealed class ExternalTaskValidationFacts
{
    [Fact]
    public void AnExternalTask_WithoutATopic_WithAHandler_OrAnUnknownType_IsAnErrorNamingTheElementAndLine()
    {
        var document = Fixture("external-tasks.bpmn");

        var noTopic = Single(document, DiagnosticCodes.ExternalTaskWithoutTopic);
        Assert.Equal(("noTopic", 6, true), (noTopic.ElementId, noTopic.Line, noTopic.IsError));
        Assert.Contains("camunda:topic", noTopic.Message);
        var withHandler = Single(document, DiagnosticCodes.ExternalTaskWithHandler);
        Assert.Equal(("withHandler", 8, true), (withHandler.ElementId, withHandler.Line, withHandler.IsError));
        var connector = Single(document, DiagnosticCodes.UnsupportedTaskType);
        Assert.Equal(("connector", 10, true), (connector.ElementId, connector.Line, connector.IsError));
        Assert.Contains("camunda:type=\"connector\"", connector.Message);
        // An external task needs no handler, and its contract is checked like a user task's.
        Assert.DoesNotContain(document.Diagnostics, d => d.Code == DiagnosticCodes.MissingHandler);
        Assert.Equal("good", Single(document, DiagnosticCodes.UnknownFieldType).ElementId);
        Assert.True(document.HasErrors);
    }

    [Fact]
    public void AnExternalTask_IsRead_WithItsTopicPriorityAndContract()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="lookup" />
            <serviceTask id="lookup" camunda:type="external" camunda:topic=" bureau " camunda:taskPriority="20">
              <extensionElements><camunda:formData><camunda:formField id="score" type="long" /></camunda:formData></extensionElements>
            </serviceTask>
            <sequenceFlow id="f2" sourceRef="lookup" targetRef="notify" />
            <sendTask id="notify" camunda:type="external" camunda:topic="erp" />
            <sequenceFlow id="f3" sourceRef="notify" targetRef="end" />
            <endEvent id="end" />
            """);

        var process = Assert.Single(document.Processes);
        var lookup = process.Nodes["lookup"].External!;
        Assert.Equal("bureau", lookup.Topic);
        Assert.Equal("score", Assert.Single(lookup.Contract!.Fields).Id);
        Assert.NotNull(lookup.Priority);
        Assert.Equal("erp", process.Nodes["notify"].External!.Topic);
        // Without formData the worker may set nothing: a warning, as for a user task.
        Assert.Equal(("notify", false), (Single(document, DiagnosticCodes.MissingContract).ElementId, document.HasErrors));
    }
}
