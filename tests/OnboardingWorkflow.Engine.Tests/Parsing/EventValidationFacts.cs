using OnboardingWorkflow.Engine.Parsing;
using static OnboardingWorkflow.Engine.Tests.Parsing.Validation;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

public sealed class LinkValidationFacts
{
    [Fact]
    public void LinkCatchEvent_IsReachedThroughItsThrow_NotReportedUnreachable()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toJump" sourceRef="start" targetRef="jump" />
            <intermediateThrowEvent id="jump"><linkEventDefinition name="A" /></intermediateThrowEvent>
            <intermediateCatchEvent id="land"><linkEventDefinition name="A" /></intermediateCatchEvent>
            <sequenceFlow id="toEnd" sourceRef="land" targetRef="end" />
            <endEvent id="end" />
            """);

        Assert.True(document.Diagnostics.Count == 0, Describe(document));
        Assert.Equal("land", Assert.Single(document.Processes).Nodes["jump"].LinkTarget!.Id);
    }

    [Fact]
    public void LinkThrowWithoutItsCatch_AndTwoCatchesOfOneName_AreErrorsAtTheirLines()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toJump" sourceRef="start" targetRef="jump" />
            <intermediateThrowEvent id="jump"><linkEventDefinition name="B" /></intermediateThrowEvent>
            <intermediateCatchEvent id="landA"><linkEventDefinition name="A" /></intermediateCatchEvent>
            <intermediateCatchEvent id="landAgain"><linkEventDefinition name="A" /></intermediateCatchEvent>
            <sequenceFlow id="fromA" sourceRef="landA" targetRef="end" />
            <sequenceFlow id="fromAgain" sourceRef="landAgain" targetRef="end" />
            <endEvent id="end" />
            """);

        var unknown = Single(document, DiagnosticCodes.UnknownLink);
        Assert.Equal((5, "jump", true), (unknown.Line, unknown.ElementId, unknown.IsError));
        Assert.Contains("'B'", unknown.Message);
        var duplicate = Single(document, DiagnosticCodes.DuplicateLink);
        Assert.Equal((7, "landAgain", true), (duplicate.Line, duplicate.ElementId, duplicate.IsError));
    }

    [Fact]
    public void LinkStartEvent_IsUnsupported()
    {
        var document = Process("""
            <startEvent id="start"><linkEventDefinition name="A" /></startEvent>
            <sequenceFlow id="toEnd" sourceRef="start" targetRef="end" />
            <endEvent id="end" />
            """);

        Assert.Equal("start", Single(document, DiagnosticCodes.UnsupportedElement).ElementId);
    }
}

public sealed class EscalationValidationFacts
{
    [Fact]
    public void EscalationBoundaryOnATask_AndAnUnknownEscalationRef_AreReported()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toWork" sourceRef="start" targetRef="work" />
            <userTask id="work" />
            <boundaryEvent id="onTask" attachedToRef="work"><escalationEventDefinition /></boundaryEvent>
            <sequenceFlow id="fromBoundary" sourceRef="onTask" targetRef="end" />
            <sequenceFlow id="toShout" sourceRef="work" targetRef="shout" />
            <intermediateThrowEvent id="shout"><escalationEventDefinition escalationRef="nowhere" /></intermediateThrowEvent>
            <sequenceFlow id="toEnd" sourceRef="shout" targetRef="end" />
            <endEvent id="end" />
            """);

        Assert.Equal("onTask", Single(document, DiagnosticCodes.UnsupportedElement).ElementId);
        var unknown = Single(document, DiagnosticCodes.UnknownEscalation);
        Assert.Equal(("shout", 9), (unknown.ElementId, unknown.Line));
    }

    [Fact]
    public void EscalationStartEvent_IsUnsupported_OutsideEventSubProcesses()
    {
        var document = Process("""
            <startEvent id="start"><escalationEventDefinition /></startEvent>
            <sequenceFlow id="toEnd" sourceRef="start" targetRef="end" />
            <endEvent id="end" />
            """);

        Assert.Equal("start", Single(document, DiagnosticCodes.UnsupportedElement).ElementId);
    }
}

public sealed class SignalValidationFacts
{
    [Fact]
    public void SignalEventWithAnUnknownOrMissingSignalRef_IsReported()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toWait" sourceRef="start" targetRef="wait" />
            <intermediateCatchEvent id="wait"><signalEventDefinition signalRef="nowhere" /></intermediateCatchEvent>
            <sequenceFlow id="toShout" sourceRef="wait" targetRef="shout" />
            <intermediateThrowEvent id="shout"><signalEventDefinition /></intermediateThrowEvent>
            <sequenceFlow id="toEnd" sourceRef="shout" targetRef="end" />
            <endEvent id="end" />
            """);

        Assert.Equal([("wait", 5), ("shout", 7)], document.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnknownSignal).Select(d => (d.ElementId, d.Line)));
    }
}

public sealed class EventSubProcessValidationFacts
{
    [Fact]
    public void EventSubProcesses_OfEveryTrigger_InProcessesAndSubProcesses_Validate()
    {
        var document = Fixture("../runtime/event-subprocesses.bpmn");

        Assert.True(document.Diagnostics.All(d => d.Code == DiagnosticCodes.MissingContract), Describe(document));
        var root = document.Processes.Single(p => p.Key == "espMessages").Root;
        Assert.Equal(["onWithdrawal", "onNote"], root.EventSubProcesses.Select(e => e.Id));
        Assert.False(root.EventSubProcesses[1].Child!.NoneStart!.CancelActivity);
    }

    [Fact]
    public void EventSubProcessWithoutATriggeredStart_IsAnErrorAtTheEventSubProcess()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toEnd" sourceRef="start" targetRef="end" />
            <endEvent id="end" />
            <subProcess id="handler" triggeredByEvent="true">
              <startEvent id="plain" />
              <sequenceFlow id="toHandled" sourceRef="plain" targetRef="handled" />
              <endEvent id="handled" />
            </subProcess>
            """);

        var diagnostic = Single(document, DiagnosticCodes.SubProcessStart);
        Assert.Equal(("handler", 6), (diagnostic.ElementId, diagnostic.Line));
        Assert.Contains("event sub-process", diagnostic.Message);
    }

    [Fact]
    public void FlowIntoAnEventSubProcess_AndABoundaryOnIt_AreRefused()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toHandler" sourceRef="start" targetRef="handler" />
            <subProcess id="handler" triggeredByEvent="true">
              <startEvent id="withdrawn"><messageEventDefinition messageRef="m" /></startEvent>
              <sequenceFlow id="toHandled" sourceRef="withdrawn" targetRef="handled" />
              <endEvent id="handled" />
            </subProcess>
            <boundaryEvent id="late" attachedToRef="handler"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="toLateEnd" sourceRef="late" targetRef="lateEnd" />
            <endEvent id="lateEnd" />
            """.Replace("</subProcess>", "</subProcess>\n<message id=\"m\" name=\"withdrawn\" />".Replace("\n", " ")));

        Assert.Equal("toHandler", Single(document, DiagnosticCodes.EventSubProcessFlow).ElementId);
        Assert.Equal("late", Single(document, DiagnosticCodes.InvalidAttachment).ElementId);
    }

    [Fact]
    public void NonInterruptingErrorStart_AndAnErrorStartOutsideAnEventSubProcess_AreErrors()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toEnd" sourceRef="start" targetRef="end" />
            <endEvent id="end" />
            <subProcess id="handler" triggeredByEvent="true">
              <startEvent id="softError" isInterrupting="false"><errorEventDefinition /></startEvent>
              <sequenceFlow id="toHandled" sourceRef="softError" targetRef="handled" />
              <endEvent id="handled" />
            </subProcess>
            <subProcess id="plain">
              <startEvent id="errorStart"><errorEventDefinition /></startEvent>
              <sequenceFlow id="toPlainEnd" sourceRef="errorStart" targetRef="plainEnd" />
              <endEvent id="plainEnd" />
            </subProcess>
            """);

        var unsupported = document.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnsupportedElement).ToList();
        Assert.Equal(["errorStart", "softError"], unsupported.Select(d => d.ElementId).Order(StringComparer.Ordinal));
        Assert.Contains("triggeredByEvent", unsupported.Single(d => d.ElementId == "errorStart").Message);
    }
}

public sealed class ConditionalValidationFacts
{
    [Fact]
    public void ConditionalEvents_Validate_AndOneWithoutACondition_IsAnErrorAtItsLine()
    {
        var valid = Fixture("../runtime/conditional-events.bpmn");
        var missing = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toWait" sourceRef="start" targetRef="wait" />
            <intermediateCatchEvent id="wait"><conditionalEventDefinition /></intermediateCatchEvent>
            <sequenceFlow id="toEnd" sourceRef="wait" targetRef="end" />
            <endEvent id="end" />
            """);

        Assert.True(valid.Diagnostics.All(d => d.Code == DiagnosticCodes.MissingContract), Describe(valid));
        Assert.Equal(["largeEnough", "withdrawn", "riskHigh", "largeApplication"],
            valid.Processes.SelectMany(p => p.Nodes.Values).Where(n => n.EventCondition is not null).Select(n => n.Id));
        var diagnostic = Single(missing, DiagnosticCodes.MissingCondition);
        Assert.Equal(("wait", 5), (diagnostic.ElementId, diagnostic.Line));
    }
}
