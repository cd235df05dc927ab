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
    public void FlowWithoutId_GetsOneFromItsEnds_AndAWarningWithItsLine()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toReview" sourceRef="start" targetRef="review" />
            <userTask id="review" />
            <sequenceFlow sourceRef="review" targetRef="end" />
            <endEvent id="end" />
            """);

        var diagnostic = Single(document, DiagnosticCodes.MissingId);
        Assert.Equal((6, (string?)null, false), (diagnostic.Line, diagnostic.ElementId, diagnostic.IsError));
        Assert.Contains("'flow_review_end'", diagnostic.Message);
        var process = Assert.Single(document.Processes);
        Assert.Equal("end", Assert.Single(process.Root.Flows, f => f.Id == "flow_review_end").TargetId);
    }

    [Fact]
    public void ElementsWithoutId_GetIdsByKindAndRank_ThatAvoidRealIds_AndStayTheSameWhenTheFileMovesLines()
    {
        const string body = """
            <startEvent id="start" />
            <sequenceFlow sourceRef="start" targetRef="userTask_1" />
            <userTask id="userTask_1" name="has this id itself" />
            <sequenceFlow sourceRef="userTask_1" targetRef="userTask_1_2" />
            <userTask name="first without id" />
            <sequenceFlow sourceRef="userTask_1" targetRef="userTask_1_2" />
            <sequenceFlow sourceRef="userTask_1_2" targetRef="end" />
            <endEvent id="end" />
            """;

        var document = Process(body);
        var moved = Process("\n\n<!-- an edit above -->\n" + body);

        var process = Assert.Single(document.Processes);
        Assert.Equal("first without id", process.Nodes["userTask_1_2"].Name);
        Assert.Equal(["flow_start_userTask_1", "flow_userTask_1_userTask_1_2", "flow_userTask_1_userTask_1_2_2", "flow_userTask_1_2_end"],
            process.Root.Flows.Select(f => f.Id));
        Assert.Equal(5, document.Diagnostics.Count(d => d.Code == DiagnosticCodes.MissingId && !d.IsError));
        Assert.False(document.Diagnostics.Any(d => d.IsError), Describe(document));
        var again = Assert.Single(moved.Processes);
        Assert.Equal(process.Nodes.Keys.Order(), again.Nodes.Keys.Order());
        Assert.Equal(process.Root.Flows.Select(f => f.Id), again.Root.Flows.Select(f => f.Id));
    }
}
