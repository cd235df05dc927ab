using OnboardingWorkflow.Engine.Parsing;
using static OnboardingWorkflow.Engine.Tests.Parsing.Validation;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

public sealed class GatewayValidationFacts
{
    [Fact]
    public void GatewayWhoseFlowsAreAllConditionalWithoutDefault_CanDeadEnd()
    {
        var document = Fixture("gateway-without-default.bpmn");

        var diagnostic = Single(document, DiagnosticCodes.GatewayDeadEnd);
        At(diagnostic, 6, 6, "decide");
        Assert.False(diagnostic.IsError); // legal BPMN: a warning, and an incident if it happens
        Assert.Contains("incident", diagnostic.Message);
        Assert.Equal([DiagnosticCodes.GatewayDeadEnd], Codes(document));
    }

    [Fact]
    public void GatewaysWithComplementaryConditions_CannotDeadEnd()
    {
        var document = Fixture("gateway-complementary.bpmn");

        Assert.True(document.Diagnostics.Count == 0, Describe(document));
    }

    [Theory]
    [InlineData("${approved}", "${!approved}")]
    [InlineData("${!approved}", "${approved}")]
    [InlineData("a == 1", "a != 1")]
    [InlineData("${a === 'x'}", "${a !== 'x'}")]
    [InlineData("${score &gt;= 600}", "${score &lt; 600}")]
    [InlineData("${amount &gt; 1000}", "${ amount&lt;=1000 }")]
    [InlineData("${ok == true}", "${ok == false}")]
    [InlineData("${(approved)}", "${!(approved)}")]
    public void ComplementaryPair_IsExemptFromTheDeadEndCheck(string first, string second)
    {
        Assert.DoesNotContain(DiagnosticCodes.GatewayDeadEnd, Codes(TwoWayGateway("exclusiveGateway", first, second)));
    }

    [Theory]
    [InlineData("${approved}", "${rejected}")]
    [InlineData("a == 1", "a != 2")]
    [InlineData("a == 1", "b != 1")]
    [InlineData("${amount &gt; 1000}", "${amount &lt; 1000}")]
    [InlineData("${score &gt;= 600}", "${score &lt;= 600}")]
    public void PairThatCanBothBeFalse_IsADeadEnd(string first, string second)
    {
        var diagnostic = Single(TwoWayGateway("exclusiveGateway", first, second), DiagnosticCodes.GatewayDeadEnd);
        Assert.Equal(("decide", 5), (diagnostic.ElementId, diagnostic.Line));
    }

    [Fact]
    public void InclusiveGatewayWithOnlyConditionalFlows_CanDeadEndToo()
    {
        Assert.Contains(DiagnosticCodes.GatewayDeadEnd, Codes(TwoWayGateway("inclusiveGateway", "${a}", "${b}")));
    }

    [Fact]
    public void ParallelGateway_IsNeverADeadEnd()
    {
        Assert.DoesNotContain(DiagnosticCodes.GatewayDeadEnd, Codes(TwoWayGateway("parallelGateway", "${a}", "${b}")));
    }

    [Fact]
    public void GatewayWithoutOutgoingFlow_IsReported()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toDecide" sourceRef="start" targetRef="decide" />
            <exclusiveGateway id="decide" />
            """);

        var diagnostic = Single(document, DiagnosticCodes.NoOutgoingFlow);
        Assert.Equal(("decide", 5), (diagnostic.ElementId, diagnostic.Line));
    }

    [Fact]
    public void EventBasedGatewayLeadingToAUserTask_IsReportedOnTheFlow()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toRace" sourceRef="start" targetRef="race" />
            <eventBasedGateway id="race" />
            <sequenceFlow id="toTimer" sourceRef="race" targetRef="timeout" />
            <sequenceFlow id="toTask" sourceRef="race" targetRef="review" />
            <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <userTask id="review" />
            <sequenceFlow id="fromTimer" sourceRef="timeout" targetRef="end" />
            <sequenceFlow id="fromTask" sourceRef="review" targetRef="end" />
            <endEvent id="end" />
            """);

        var diagnostic = Single(document, DiagnosticCodes.InvalidEventGatewayTarget);
        Assert.Equal(("toTask", 7), (diagnostic.ElementId, diagnostic.Line));
    }

    /// <summary>start -> gateway "decide" (line 5) with two conditional flows and no default.</summary>
    private static BpmnDocument TwoWayGateway(string gateway, string first, string second) => Process($"""
        <startEvent id="start" />
        <sequenceFlow id="toDecide" sourceRef="start" targetRef="decide" />
        <{gateway} id="decide" />
        <sequenceFlow id="first" sourceRef="decide" targetRef="end"><conditionExpression>{first}</conditionExpression></sequenceFlow>
        <sequenceFlow id="second" sourceRef="decide" targetRef="end"><conditionExpression>{second}</conditionExpression></sequenceFlow>
        <endEvent id="end" />
        """);
}
