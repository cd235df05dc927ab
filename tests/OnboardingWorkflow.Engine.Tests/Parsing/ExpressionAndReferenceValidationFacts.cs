using OnboardingWorkflow.Engine.Parsing;
using static OnboardingWorkflow.Engine.Tests.Parsing.Validation;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

public sealed class ExpressionAndReferenceValidationFacts
{
    [Fact]
    public void ExpressionsThatDoNotParse_AreEachReportedWithTheirElement()
    {
        var document = Fixture("expression-errors.bpmn");

        var errors = document.Diagnostics.Where(d => d.Code == DiagnosticCodes.ExpressionSyntax).ToList();
        Assert.Equal(
            [("toReject", 7, "condition"), ("score", 11, "script"), ("review", 15, "assignee"), ("vote", 17, "completion condition")],
            errors.Select(d => (d.ElementId, d.Line, What(d.Message))));
        Assert.All(errors, d => Assert.Equal(6, d.Column));
        Assert.Equal(4, document.Diagnostics.Count);
    }

    [Theory]
    [InlineData("camunda:candidateGroups=\"${groups(}\"", "candidateGroups")]
    [InlineData("camunda:dueDate=\"${now() +}\"", "dueDate")]
    [InlineData("camunda:formKey=\"form-${kind + }\"", "formKey")]
    [InlineData("camunda:priority=\"${}\"", "priority")]
    public void UserTaskAttributeThatDoesNotParse_IsReported(string attribute, string named)
    {
        var document = Process($"""
            <startEvent id="start" />
            <sequenceFlow id="toReview" sourceRef="start" targetRef="review" />
            <userTask id="review" {attribute} />
            <sequenceFlow id="toEnd" sourceRef="review" targetRef="end" />
            <endEvent id="end" />
            """);

        var diagnostic = Single(document, DiagnosticCodes.ExpressionSyntax);
        Assert.Equal(("review", 5, named), (diagnostic.ElementId, diagnostic.Line, What(diagnostic.Message)));
    }

    [Fact]
    public void ConditionThatSmugglesInStatements_DoesNotParse()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toDecide" sourceRef="start" targetRef="decide" />
            <exclusiveGateway id="decide" default="toEnd" />
            <sequenceFlow id="sneaky" sourceRef="decide" targetRef="end"><conditionExpression>${1); globalThis.x = (2}</conditionExpression></sequenceFlow>
            <sequenceFlow id="toEnd" sourceRef="decide" targetRef="end" />
            <endEvent id="end" />
            """);

        Assert.Equal("sneaky", Single(document, DiagnosticCodes.ExpressionSyntax).ElementId);
    }

    [Fact]
    public void ConditionNestedTooDeeplyForTheStack_IsASyntaxErrorNotACrash()
    {
        var condition = "${" + new string('(', 100_000) + "1" + new string(')', 100_000) + "}";
        var document = Process($"""
            <startEvent id="start" />
            <sequenceFlow id="toDecide" sourceRef="start" targetRef="decide" />
            <exclusiveGateway id="decide" default="toEnd" />
            <sequenceFlow id="deep" sourceRef="decide" targetRef="end"><conditionExpression>{condition}</conditionExpression></sequenceFlow>
            <sequenceFlow id="toEnd" sourceRef="decide" targetRef="end" />
            <endEvent id="end" />
            """);

        Assert.Equal("deep", Single(document, DiagnosticCodes.ExpressionSyntax).ElementId);
    }

    [Fact]
    public void ServiceTaskWithoutHandler_IsReportedAndOneWithADelegateExpressionIsNot()
    {
        var document = Fixture("service-task-without-handler.bpmn");

        At(Single(document, DiagnosticCodes.MissingHandler), 6, 6, "checkBureau");
        Assert.Equal([DiagnosticCodes.MissingHandler], Codes(document));
        Assert.Equal("notifier", document.Processes[0].GetNode("notify").HandlerName!.Text);
    }

    [Theory]
    [InlineData("serviceTask")]
    [InlineData("businessRuleTask")]
    [InlineData("sendTask")]
    public void TaskThatCallsAHandlerButNamesNone_IsReported(string task)
    {
        var document = Process($"""
            <startEvent id="start" />
            <sequenceFlow id="toWork" sourceRef="start" targetRef="work" />
            <{task} id="work" />
            <sequenceFlow id="toEnd" sourceRef="work" targetRef="end" />
            <endEvent id="end" />
            """);

        var diagnostic = Single(document, DiagnosticCodes.MissingHandler);
        Assert.Equal(("work", 5), (diagnostic.ElementId, diagnostic.Line));
    }

    [Fact]
    public void InvalidTimerLiterals_AreEachReportedOnTheirEvent()
    {
        var document = Fixture("invalid-timers.bpmn");

        var timers = document.Diagnostics.Where(d => d.Code == DiagnosticCodes.InvalidTimer).Select(d => (d.ElementId, d.Line, d.Column));
        Assert.Equal(
            [("badDuration", 6, 6), ("zeroRepetitions", 10, 6), ("badDate", 14, 6), ("hugeDuration", 18, 6), ("pastCalendar", 22, 6)],
            timers);
        Assert.Equal(5, document.Diagnostics.Count);
    }

    [Fact]
    public void TimerWithoutAnyDefinition_IsReported()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toWait" sourceRef="start" targetRef="wait" />
            <intermediateCatchEvent id="wait"><timerEventDefinition /></intermediateCatchEvent>
            <sequenceFlow id="toEnd" sourceRef="wait" targetRef="end" />
            <endEvent id="end" />
            """);

        var diagnostic = Single(document, DiagnosticCodes.InvalidTimer);
        Assert.Equal(("wait", 5), (diagnostic.ElementId, diagnostic.Line));
    }

    [Fact]
    public void TimerGivenAsAnExpression_IsNotCheckedAsALiteral()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toWait" sourceRef="start" targetRef="wait" />
            <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>${reminderPeriod}</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="toEnd" sourceRef="wait" targetRef="end" />
            <endEvent id="end" />
            """);

        Assert.Empty(document.Diagnostics);
    }

    [Fact]
    public void MessageRefNamingNoMessage_IsReportedOnTheWaitingElement()
    {
        var document = Fixture("unknown-message.bpmn");

        var unknown = document.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnknownMessage).ToList();
        Assert.Equal([("waitForReply", 9, 6), ("waitForSignature", 12, 8)], unknown.Select(d => (d.ElementId, d.Line, d.Column)));
        Assert.Contains("'customerReply'", unknown[0].Message);
        Assert.Contains("'contractSigned'", unknown[1].Message);
        Assert.Equal(2, document.Diagnostics.Count);
    }

    [Fact]
    public void ReceiveTaskWithoutMessageRef_WaitsForATrigger_ButCannotFollowAnEventBasedGateway()
    {
        var plain = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toWait" sourceRef="start" targetRef="wait" />
            <receiveTask id="wait" />
            <sequenceFlow id="toEnd" sourceRef="wait" targetRef="end" />
            <endEvent id="end" />
            """);
        var afterGateway = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toRace" sourceRef="start" targetRef="race" />
            <eventBasedGateway id="race" />
            <sequenceFlow id="toWait" sourceRef="race" targetRef="wait" />
            <receiveTask id="wait" />
            <sequenceFlow id="toTimeout" sourceRef="race" targetRef="timeout" />
            <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="toEnd" sourceRef="wait" targetRef="end" />
            <sequenceFlow id="toEnd2" sourceRef="timeout" targetRef="end" />
            <endEvent id="end" />
            """);

        Assert.True(plain.Diagnostics.Count == 0, Describe(plain));
        var refused = Single(afterGateway, DiagnosticCodes.InvalidEventGatewayTarget);
        Assert.Equal("toWait", refused.ElementId);
        Assert.Contains("names no message", refused.Message);
    }

    /// <summary>The attribute a syntax-error message names: "The assignee '${x.}' does not parse" -> "assignee".</summary>
    private static string What(string message) => message["The ".Length..message.IndexOf(" '", StringComparison.Ordinal)];
}
