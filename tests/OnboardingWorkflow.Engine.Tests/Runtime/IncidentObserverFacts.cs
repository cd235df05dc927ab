using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

/// <summary>The host hears of every incident with its cause, so a handler's exception reaches the log with its type and stack.</summary>
public sealed class IncidentObserverFacts
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="failing" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:serviceTask id="work" camunda:delegateExpression="${broken}"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
            <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
            <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private sealed class Broken : ITaskHandler
    {
        public ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("customer row missing");
    }

    [Fact]
    public async Task A_failing_handler_is_reported_with_its_exception_and_kept_as_an_incident()
    {
        var reports = new List<IncidentReport>();
        var handlers = new HandlerRegistry();
        handlers.Register("broken", new Broken());
        var engine = new WorkflowEngine(new WorkflowEngineOptions { Handlers = handlers, IncidentObserver = reports.Add });
        await engine.DeployAsync(Bpmn, "failing.bpmn");

        var instance = await engine.StartAsync("failing", businessKey: "case-7");

        var report = Assert.Single(reports);
        Assert.Equal((instance.Id, "failing", "case-7", "work", IncidentCodes.HandlerFailed), (report.InstanceId, report.ProcessKey, report.BusinessKey, report.ElementId, report.Code));
        var cause = Assert.IsType<InvalidOperationException>(report.Cause);
        Assert.Contains(nameof(Broken), cause.StackTrace);
        var incident = Assert.Single(instance.Incidents);
        Assert.Contains("InvalidOperationException: customer row missing", incident.Message);
        Assert.NotEqual(InstanceStatus.Completed, instance.Status);
    }
}
