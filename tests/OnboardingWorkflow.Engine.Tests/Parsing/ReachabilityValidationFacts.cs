using OnboardingWorkflow.Engine.Parsing;
using static OnboardingWorkflow.Engine.Tests.Parsing.Validation;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

public sealed class ReachabilityValidationFacts
{
    [Fact]
    public void ProcessWithoutStartEvent_IsReportedOnTheProcess()
    {
        var document = Fixture("no-start-event.bpmn");

        At(Single(document, DiagnosticCodes.NoStartEvent), 3, 4, "noStart");
        Assert.True(document.HasErrors);
    }

    [Fact]
    public void NodeNoFlowLeadsTo_IsUnreachable()
    {
        var document = Fixture("unreachable-task.bpmn");

        var diagnostic = Single(document, DiagnosticCodes.Unreachable);
        At(diagnostic, 7, 6, "forgotten");
        Assert.Equal([DiagnosticCodes.Unreachable], Codes(document));
    }

    [Fact]
    public void NodeReachedOnlyThroughABoundaryEvent_IsReachable()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toReview" sourceRef="start" targetRef="review" />
            <userTask id="review"><extensionElements><camunda:formData /></extensionElements></userTask>
            <sequenceFlow id="toEnd" sourceRef="review" targetRef="end" />
            <endEvent id="end" />
            <boundaryEvent id="late" attachedToRef="review">
              <timerEventDefinition><timeDuration>P2D</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <sequenceFlow id="toEscalate" sourceRef="late" targetRef="escalate" />
            <userTask id="escalate"><extensionElements><camunda:formData /></extensionElements></userTask>
            <sequenceFlow id="toEscalated" sourceRef="escalate" targetRef="escalated" />
            <endEvent id="escalated" />
            """);

        Assert.Empty(document.Diagnostics);
    }

    [Fact]
    public void SubProcessWithTwoStartEvents_IsReported()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toCheck" sourceRef="start" targetRef="check" />
            <subProcess id="check">
              <startEvent id="a" />
              <startEvent id="b" />
            </subProcess>
            <sequenceFlow id="toEnd" sourceRef="check" targetRef="end" />
            <endEvent id="end" />
            """);

        var diagnostic = Single(document, DiagnosticCodes.SubProcessStart);
        Assert.Equal(("check", 5), (diagnostic.ElementId, diagnostic.Line));
    }

    [Theory]
    [InlineData("unsupported-complex-gateway.bpmn", "merge", 6, "complexGateway")]
    [InlineData("unsupported-multiple-event.bpmn", "waitForRelease", 6, "several event definitions")]
    [InlineData("unsupported-standard-loop.bpmn", "retry", 6, "standard loop")]
    public void UnsupportedElementInAnExecutableProcess_IsReportedWithItsIdAndLine(string file, string elementId, int line, string named)
    {
        var document = Fixture(file);

        var diagnostic = Single(document, DiagnosticCodes.UnsupportedElement);
        At(diagnostic, line, 6, elementId);
        Assert.Contains(named, diagnostic.Message);
        Assert.Equal([DiagnosticCodes.UnsupportedElement], Codes(document));
    }

    [Fact]
    public void UnsupportedStartEvent_IsUnsupportedRatherThanAMissingStart()
    {
        var document = Process("""
            <startEvent id="onSignal"><conditionalEventDefinition><condition>${ready}</condition></conditionalEventDefinition><signalEventDefinition /></startEvent>
            <sequenceFlow id="toEnd" sourceRef="onSignal" targetRef="end" />
            <endEvent id="end" />
            """);

        var diagnostic = Single(document, DiagnosticCodes.UnsupportedElement);
        Assert.Equal(("onSignal", 3), (diagnostic.ElementId, diagnostic.Line));
        Assert.Equal([DiagnosticCodes.UnsupportedElement], Codes(document));
    }

    [Fact]
    public void UnsupportedBoundaryEvent_IsUnsupportedRatherThanUnreachable()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toReview" sourceRef="start" targetRef="review" />
            <userTask id="review"><extensionElements><camunda:formData /></extensionElements></userTask>
            <sequenceFlow id="toEnd" sourceRef="review" targetRef="end" />
            <endEvent id="end" />
            <boundaryEvent id="escalated" attachedToRef="review"><escalationEventDefinition /></boundaryEvent>
            <sequenceFlow id="toEscalatedEnd" sourceRef="escalated" targetRef="escalatedEnd" />
            <endEvent id="escalatedEnd" />
            """);

        var diagnostic = Single(document, DiagnosticCodes.UnsupportedElement);
        Assert.Equal(("escalated", 8), (diagnostic.ElementId, diagnostic.Line));
        Assert.Equal([DiagnosticCodes.UnsupportedElement], Codes(document));
    }

    [Fact]
    public void UnsupportedElementsInANonExecutableProcess_AreNotReported()
    {
        var document = Fixture("unsupported-in-non-executable.bpmn");

        Assert.DoesNotContain(document.Diagnostics, d => d.Code == DiagnosticCodes.UnsupportedElement);
        Assert.False(document.HasErrors, Describe(document));
        Assert.Equal(["runs"], document.ExecutableProcesses.Select(p => p.Key));
    }

    [Fact]
    public void RunProblemsInANonExecutableProcess_AreWarningsButBrokenReferencesStayErrors()
    {
        var document = BpmnParser.Parse("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://example.com/validation">
              <process id="pool" isExecutable="false">
                <serviceTask id="call" />
                <sequenceFlow id="toNowhere" sourceRef="call" targetRef="nowhere" />
              </process>
            </definitions>
            """);

        var missingHandler = Single(document, DiagnosticCodes.MissingHandler);
        Assert.Equal(Severity.Warning, missingHandler.Severity);
        Assert.Equal(Severity.Warning, Single(document, DiagnosticCodes.NoStartEvent).Severity);
        Assert.Equal(Severity.Error, Single(document, DiagnosticCodes.UnknownFlowTarget).Severity);
    }
}
