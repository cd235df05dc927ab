using OnboardingWorkflow.Engine.Parsing;
using static OnboardingWorkflow.Engine.Tests.Parsing.Validation;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

public sealed class SequenceFlowValidationFacts
{
    [Fact]
    public void UnknownTargetAndSource_AreReportedOnTheFlowWithItsId()
    {
        var document = Fixture("unknown-flow-refs.bpmn");

        var target = Single(document, DiagnosticCodes.UnknownFlowTarget);
        At(target, 7, 6, "toNowhere");
        Assert.Contains("'archive'", target.Message);

        var source = Single(document, DiagnosticCodes.UnknownFlowSource);
        At(source, 8, 6, "fromNowhere");
        Assert.Contains("'ghost'", source.Message);

        Assert.Equal([DiagnosticCodes.UnknownFlowTarget, DiagnosticCodes.UnknownFlowSource], Codes(document));
    }

    [Fact]
    public void MissingSourceRef_IsAnUnknownSource()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="loose" targetRef="end" />
            <sequenceFlow id="toEnd" sourceRef="start" targetRef="end" />
            <endEvent id="end" />
            """);

        var diagnostic = Single(document, DiagnosticCodes.UnknownFlowSource);
        Assert.Equal(("loose", 4), (diagnostic.ElementId, diagnostic.Line));
        Assert.Contains("no sourceRef", diagnostic.Message);
    }

    [Fact]
    public void FlowLeavingASubProcess_IsReportedAsCrossingTheBoundary()
    {
        var document = Fixture("flow-crosses-subprocess.bpmn");

        var diagnostic = Single(document, DiagnosticCodes.FlowCrossesScope);
        At(diagnostic, 10, 8, "escape");
        Assert.Contains("'end'", diagnostic.Message);
        Assert.Equal([DiagnosticCodes.FlowCrossesScope], Codes(document));
    }

    [Fact]
    public void DefaultFlowThatIsNotAnOutgoingFlowOfTheGateway_IsInvalid()
    {
        var document = Fixture("invalid-default-flow.bpmn");

        var diagnostic = Single(document, DiagnosticCodes.InvalidDefaultFlow);
        At(diagnostic, 6, 6, "decide");
        Assert.Contains("'toArchive'", diagnostic.Message);
        Assert.Equal([DiagnosticCodes.InvalidDefaultFlow], Codes(document));
    }

    [Fact]
    public void DefaultFlowNamingNoFlowAtAll_IsInvalid()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toDecide" sourceRef="start" targetRef="decide" />
            <exclusiveGateway id="decide" default="missing" />
            <sequenceFlow id="toEnd" sourceRef="decide" targetRef="end" />
            <endEvent id="end" />
            """);

        var diagnostic = Single(document, DiagnosticCodes.InvalidDefaultFlow);
        Assert.Equal(("decide", 5), (diagnostic.ElementId, diagnostic.Line));
    }

    [Fact]
    public void DefaultFlowWithACondition_IsAWarningOnTheFlow()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toDecide" sourceRef="start" targetRef="decide" />
            <exclusiveGateway id="decide" default="fallback" />
            <sequenceFlow id="fallback" sourceRef="decide" targetRef="end">
              <conditionExpression>${amount &lt; 10}</conditionExpression>
            </sequenceFlow>
            <endEvent id="end" />
            """);

        var diagnostic = Single(document, DiagnosticCodes.DefaultFlowHasCondition);
        Assert.Equal((Severity.Warning, "fallback", 6), (diagnostic.Severity, diagnostic.ElementId, diagnostic.Line));
        Assert.False(document.HasErrors);
    }

    [Fact]
    public void BoundaryEventOnAGateway_IsAnInvalidAttachment()
    {
        var document = Fixture("boundary-on-gateway.bpmn");

        var diagnostic = Single(document, DiagnosticCodes.InvalidAttachment);
        At(diagnostic, 9, 6, "reminder");
        Assert.Contains("'split'", diagnostic.Message);
    }

    [Fact]
    public void BoundaryEventOnAnUnknownElement_IsAnInvalidAttachment()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toEnd" sourceRef="start" targetRef="end" />
            <endEvent id="end" />
            <boundaryEvent id="timeout" attachedToRef="nothing">
              <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition>
            </boundaryEvent>
            """);

        var diagnostic = Single(document, DiagnosticCodes.InvalidAttachment);
        Assert.Equal(("timeout", 6), (diagnostic.ElementId, diagnostic.Line));
    }
}
