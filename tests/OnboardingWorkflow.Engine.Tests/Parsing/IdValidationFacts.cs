using OnboardingWorkflow.Engine.Parsing;
using static OnboardingWorkflow.Engine.Tests.Parsing.Validation;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

public sealed class IdValidationFacts
{
    [Fact]
    public void DuplicateId_IsReportedOnTheSecondElementAndNamesTheFirstLine()
    {
        var document = Fixture("duplicate-ids.bpmn");

        var diagnostic = Single(document, DiagnosticCodes.DuplicateId);
        At(diagnostic, 8, 6, "review");
        Assert.Contains("line 6", diagnostic.Message);
        Assert.Equal([DiagnosticCodes.DuplicateId], Codes(document));
    }

    [Fact]
    public void DuplicateIdAcrossProcessAndSubProcess_IsReported()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toCheck" sourceRef="start" targetRef="check" />
            <subProcess id="check">
              <startEvent id="start" />
            </subProcess>
            <sequenceFlow id="toEnd" sourceRef="check" targetRef="end" />
            <endEvent id="end" />
            """);

        var diagnostic = Single(document, DiagnosticCodes.DuplicateId);
        Assert.Equal(("start", 6), (diagnostic.ElementId, diagnostic.Line));
        Assert.Contains("line 3", diagnostic.Message);
    }

    [Fact]
    public void CamundaFormFieldsSharingAnIdAcrossTasks_AreNotDuplicates()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toFirst" sourceRef="start" targetRef="first" />
            <userTask id="first"><extensionElements><camunda:formData><camunda:formField id="comment" type="string" /></camunda:formData></extensionElements></userTask>
            <sequenceFlow id="toSecond" sourceRef="first" targetRef="second" />
            <userTask id="second"><extensionElements><camunda:formData><camunda:formField id="comment" type="string" /></camunda:formData></extensionElements></userTask>
            <sequenceFlow id="toEnd" sourceRef="second" targetRef="end" />
            <endEvent id="end" />
            """);

        Assert.True(document.Diagnostics.Count == 0, Describe(document));
    }

    [Fact]
    public void ElementWithoutId_IsReportedWithItsLine()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toReview" sourceRef="start" targetRef="review" />
            <userTask id="review" />
            <sequenceFlow sourceRef="review" targetRef="end" />
            <endEvent id="end" />
            """);

        var diagnostic = Single(document, DiagnosticCodes.MissingId);
        Assert.Equal((6, (string?)null), (diagnostic.Line, diagnostic.ElementId));
    }
}
