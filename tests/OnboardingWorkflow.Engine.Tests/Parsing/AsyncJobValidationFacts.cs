using OnboardingWorkflow.Engine.Parsing;
using static OnboardingWorkflow.Engine.Tests.Parsing.Validation;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

public sealed class AsyncJobValidationFacts
{
    [Fact]
    public void RetryCycles_ThatDoNotParse_AreErrorsNamingTheElement()
    {
        var document = Fixture("retry-cycles.bpmn");

        var invalid = document.Diagnostics.Where(d => d.Code == DiagnosticCodes.InvalidRetryCycle).ToList();
        Assert.Equal([("notADuration", 6), ("noTries", 10), ("fromExpression", 14)], invalid.Select(d => (d.ElementId, d.Line)));
        Assert.All(invalid, d => Assert.True(d.IsError));
        Assert.Contains("'R3/10 minutes'", invalid[0].Message);
        Assert.Contains("is an expression", invalid[2].Message);
        Assert.True(document.HasErrors);
    }

    [Fact]
    public void RetryCycle_WithoutAJob_AndAsyncAfterOnAnEndEvent_AreWarnings()
    {
        var document = Fixture("retry-cycles.bpmn");

        var withoutJob = Single(document, DiagnosticCodes.RetryCycleWithoutJob);
        Assert.Equal(("withoutJob", 18, false), (withoutJob.ElementId, withoutJob.Line, withoutJob.IsError));
        var ignored = Single(document, DiagnosticCodes.AsyncAfterIgnored);
        Assert.Equal(("end", 30, false), (ignored.ElementId, ignored.Line, ignored.IsError));
        Assert.Equal(5, document.Diagnostics.Count);
    }

    [Fact]
    public void AsyncAttributes_AndValidCycles_AreRead()
    {
        var process = Assert.Single(Fixture("retry-cycles.bpmn").Processes);

        Assert.True(process.Nodes["start"].AsyncAfter);
        Assert.False(process.Nodes["start"].AsyncBefore);
        Assert.Equal((4, "PT1M,PT5M,PT10M"), (process.Nodes["intervals"].RetryCycle!.Tries, process.Nodes["intervals"].RetryCycleText));
        Assert.Equal(5, process.Nodes["repeating"].RetryCycle!.Tries);
        Assert.True(process.Nodes["repeating"].AsyncAfter);
        Assert.Null(process.Nodes["noTries"].RetryCycle);
        Assert.Null(process.Nodes["start"].RetryCycleText);
    }

    [Fact]
    public void AsyncAfter_OnALinkThrowOrAnEventBasedGateway_DoesNothing_AndIsSaid()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toGate" sourceRef="start" targetRef="gate" />
            <eventBasedGateway id="gate" camunda:asyncAfter="true" />
            <sequenceFlow id="toWait" sourceRef="gate" targetRef="wait" />
            <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="toJump" sourceRef="wait" targetRef="jump" />
            <intermediateThrowEvent id="jump" camunda:asyncAfter="true"><linkEventDefinition name="A" /></intermediateThrowEvent>
            <intermediateCatchEvent id="land" camunda:asyncAfter="true"><linkEventDefinition name="A" /></intermediateCatchEvent>
            <sequenceFlow id="toEnd" sourceRef="land" targetRef="end" />
            <endEvent id="end" />
            """);

        Assert.Equal(["gate", "jump"], document.Diagnostics.Where(d => d.Code == DiagnosticCodes.AsyncAfterIgnored).Select(d => d.ElementId));
        Assert.False(document.HasErrors, Describe(document));
    }
}
