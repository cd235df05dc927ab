using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Parsing;
using OnboardingWorkflow.Engine.Time;
using static OnboardingWorkflow.Engine.Tests.Parsing.Validation;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

/// <summary>A file as Camunda Modeler (bpmn-js) saves it: prefixed elements, a pool with lanes, diagram interchange.</summary>
public sealed class ModelerFileFacts
{
    private readonly BpmnDocument _document = Fixture("camunda-modeler.bpmn");

    private ProcessDefinition Process => Assert.Single(_document.Processes);

    [Fact]
    public void ParsesWithoutAnyDiagnostic()
    {
        Assert.True(_document.Diagnostics.Count == 0, Describe(_document));
    }

    [Fact]
    public void KeepsTheParticipantNameOfTheProcess()
    {
        Assert.Equal("Credit department", _document.Participants["creditApproval"]);
        Assert.Equal(("creditApproval", "Credit approval", true), (Process.Key, Process.Name, Process.IsExecutable));
    }

    [Theory]
    [InlineData("StartEvent_1", "Sales")]
    [InlineData("Activity_Submit", "Sales")]
    [InlineData("Activity_Bureau", "Risk")]
    [InlineData("Gateway_Decision", "Risk")]
    [InlineData("Activity_Approve", "Risk")]
    [InlineData("Event_Reminder", "Risk")]
    [InlineData("Event_Rejected", "Risk")]
    public void KeepsTheLaneOfEachNode(string nodeId, string lane)
    {
        Assert.Equal(lane, Process.Lanes[nodeId]);
    }

    [Fact]
    public void ReadsTheFlowNodesButNotTheDiagramOrArtifacts()
    {
        Assert.Equal(
            ["Activity_Approve", "Activity_Bureau", "Activity_Submit", "Event_Approved", "Event_Rejected", "Event_Reminder", "Gateway_Decision", "StartEvent_1"],
            Process.Nodes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(7, Process.Root.Flows.Count);
    }

    [Fact]
    public void ReadsTheCamundaAttributesOfTheUserTask()
    {
        var task = Process.GetNode("Activity_Submit").UserTask!;

        Assert.Equal(("${maker}", "sales", "${dueDate}", "50"), (task.Assignee!.Text, task.CandidateGroups!.Text, task.DueDate!.Text, task.Priority!.Text));
    }

    [Fact]
    public void LinksTheGatewayDefaultFlowAndCondition()
    {
        var gateway = Process.GetNode("Gateway_Decision");

        Assert.Equal("Flow_Reject", gateway.DefaultFlow!.Id);
        var approve = Assert.Single(gateway.Outgoing, f => f.Condition is not null);
        Assert.Equal(("Flow_Approve", "score >= 600"), (approve.Id, approve.Condition!.Source));
    }

    [Fact]
    public void ReadsTheServiceHandlerAndAsyncFlag()
    {
        var bureau = Process.GetNode("Activity_Bureau");

        Assert.Equal(("creditBureau", true), (bureau.HandlerName!.Text, bureau.AsyncBefore));
    }

    [Fact]
    public void AttachesTheNonInterruptingTimerToItsTask()
    {
        var reminder = Process.GetNode("Event_Reminder");

        Assert.Same(Process.GetNode("Activity_Approve"), reminder.AttachedTo);
        Assert.False(reminder.CancelActivity);
        Assert.Equal((TimerKind.Cycle, "R3/P2D"), (reminder.Timer!.Kind, reminder.Timer.Value.Text));
    }

    [Fact]
    public void RecordsTheSourcePositionOfEachNode()
    {
        Assert.Equal(new SourcePosition(24, 6), Process.GetNode("Activity_Submit").Position);
    }
}
