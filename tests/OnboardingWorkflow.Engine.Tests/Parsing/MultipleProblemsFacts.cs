using OnboardingWorkflow.Engine.Parsing;
using static OnboardingWorkflow.Engine.Tests.Parsing.Validation;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

public sealed class MultipleProblemsFacts
{
    [Fact]
    public void EveryProblemOfAFile_IsReportedAtOnceInLineOrder()
    {
        var document = Fixture("many-problems.bpmn");

        Assert.Equal(
            [
                (DiagnosticCodes.MissingHandler, 6, "bureau"),
                (DiagnosticCodes.GatewayDeadEnd, 8, "decide"),
                (DiagnosticCodes.ExpressionSyntax, 9, "toWait"),
                (DiagnosticCodes.UnknownFlowTarget, 12, "toArchive"),
                (DiagnosticCodes.InvalidTimer, 15, "wait"),
                (DiagnosticCodes.UnknownMessage, 19, "reply"),
                (DiagnosticCodes.Unreachable, 22, "orphan"),
                (DiagnosticCodes.DuplicateId, 23, "end"),
            ],
            document.Diagnostics.Select(d => (d.Code, d.Line, d.ElementId)));
        Assert.All(document.Diagnostics, d => Assert.True(d.IsError == (d.Code != DiagnosticCodes.GatewayDeadEnd), d.Format("many-problems.bpmn")));
    }

    [Fact]
    public void ProblemsInSeveralProcessesOfOneFile_AreAllReported()
    {
        var document = BpmnParser.Parse("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://example.com/validation">
              <process id="first" isExecutable="true">
                <startEvent id="firstStart" />
                <sequenceFlow id="firstFlow" sourceRef="firstStart" targetRef="missingOne" />
              </process>
              <process id="second" isExecutable="true">
                <startEvent id="secondStart" />
                <sequenceFlow id="secondFlow" sourceRef="secondStart" targetRef="missingTwo" />
              </process>
            </definitions>
            """);

        var unknown = document.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnknownFlowTarget).Select(d => (d.ElementId, d.Line));
        Assert.Equal([("firstFlow", 4), ("secondFlow", 8)], unknown);
    }

    [Fact]
    public void FileWithoutProcess_IsAnError()
    {
        var document = BpmnParser.Parse("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://example.com/validation">
              <message id="m" name="M" />
            </definitions>
            """);

        var diagnostic = Single(document, DiagnosticCodes.NoExecutableProcess);
        Assert.Equal((Severity.Error, 1, 2), (diagnostic.Severity, diagnostic.Line, diagnostic.Column));
    }
}
