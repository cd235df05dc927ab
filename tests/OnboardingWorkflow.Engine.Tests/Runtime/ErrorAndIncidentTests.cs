using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class ErrorAndIncidentTests
{
    [Fact]
    public async Task HandlerResults_FlowIntoResultVariables()
    {
        var handlers = new HandlerRegistry()
            .Register("creditBureau", context => { context.Result = new Dictionary<string, object?> { ["score"] = 712 }; })
            .Register("decisionRules", context => { context.Result = (decimal)((Dictionary<string, object?>)context.GetVariable("report")!)["score"]! > 700 ? "approve" : "review"; });
        var harness = new EngineHarness(handlers);
        await harness.DeployAsync("runtime/service-errors.bpmn");

        var instance = await harness.StartAsync("serviceErrors");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("approve", instance.Variables["decision"]);
        Assert.Equal(["start", "bureau", "decide", "end"], harness.CompletedPath(instance.Id));
    }

    [Fact]
    public async Task HandlerMadeOnFirstUse_IsMadeOnlyWhenRun_AndOncePerRegistry()
    {
        var made = new List<string>();
        var handlers = new HandlerRegistry()
            .Register("creditBureau", () => Made("creditBureau", context => context.Result = new Dictionary<string, object?> { ["score"] = 640 }))
            .Register("decisionRules", () => Made("decisionRules", context => context.Result = "review"))
            .Register("neverRun", () => Made("neverRun", _ => { }));
        var harness = new EngineHarness(handlers);
        await harness.DeployAsync("runtime/service-errors.bpmn");
        Assert.Empty(made);
        Assert.True(handlers.IsRegistered("neverRun"));

        var first = await harness.StartAsync("serviceErrors");
        var second = await harness.StartAsync("serviceErrors");

        Assert.Equal("review", first.Variables["decision"]);
        Assert.Equal("review", second.Variables["decision"]);
        Assert.Equal(["creditBureau", "decisionRules"], made);
        Assert.Equal(["creditBureau", "decisionRules", "neverRun"], handlers.Names.Order(StringComparer.Ordinal));

        ITaskHandler Made(string name, Action<TaskHandlerContext> run)
        {
            made.Add(name);
            return new ActionHandler(run);
        }
    }

    private sealed class ActionHandler(Action<TaskHandlerContext> run) : ITaskHandler
    {
        public ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken)
        {
            run(context);
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task BpmnErrorFromHandler_IsCaughtByErrorBoundary()
    {
        var handlers = new HandlerRegistry()
            .Register("creditBureau", _ => throw new BpmnErrorException("DECLINED", "no file at the bureau"))
            .Register("decisionRules", _ => { });
        var harness = new EngineHarness(handlers);
        await harness.DeployAsync("runtime/service-errors.bpmn");

        var instance = await harness.StartAsync("serviceErrors");

        Assert.Equal("manualReview", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal("DECLINED", instance.Variables["errorCode"]);
        Assert.Contains(harness.Events, e => e.Event == "errorThrown" && e.ElementId == "bureau" && e.Detail!.Contains("no file"));
    }

    [Fact]
    public async Task UncaughtBpmnErrorFromHandler_BecomesIncident()
    {
        var handlers = new HandlerRegistry()
            .Register("creditBureau", _ => { })
            .Register("decisionRules", _ => throw new BpmnErrorException("NOT_MODELLED"));
        var harness = new EngineHarness(handlers);
        await harness.DeployAsync("runtime/service-errors.bpmn");

        var instance = await harness.StartAsync("serviceErrors");

        var incident = Assert.Single(instance.Incidents);
        Assert.Equal(("decide", IncidentCodes.UnhandledError), (incident.ElementId, incident.Code));
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
    }

    [Fact]
    public async Task FailingHandler_BecomesIncident_AndRetrySucceedsOnceFixed()
    {
        var calls = 0;
        var handlers = new HandlerRegistry()
            .Register("creditBureau", context =>
            {
                if (++calls == 1)
                {
                    throw new TimeoutException("bureau did not answer");
                }

                context.Result = "ok";
            })
            .Register("decisionRules", _ => { });
        var harness = new EngineHarness(handlers);
        await harness.DeployAsync("runtime/service-errors.bpmn");

        var instance = await harness.StartAsync("serviceErrors");
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal(IncidentCodes.HandlerFailed, incident.Code);
        Assert.Contains("bureau did not answer", incident.Message);
        Assert.Single((await harness.ReloadAsync(instance)).Incidents);

        instance = await harness.Engine.RetryAsync(instance.Id, incident.Id, "operator");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.Incidents);
        Assert.Equal("ok", instance.Variables["report"]);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task UnregisteredHandler_BecomesIncident()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/service-errors.bpmn");

        var instance = await harness.StartAsync("serviceErrors");

        Assert.Equal(IncidentCodes.HandlerNotFound, Assert.Single(instance.Incidents).Code);
    }

    [Fact]
    public async Task TerminateEndEvent_EndsTheOtherBranches()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/terminate-and-fail.bpmn");
        var instance = await harness.StartAsync("terminateFlow");
        var slow = (await harness.OpenTasksAsync(instance.Id)).Single(t => t.ElementId == "slowReview");

        instance = await harness.CompleteAsync(instance, "fastCheck");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.Tokens);
        Assert.Equal(Stores.UserTaskStatus.Cancelled, (await harness.Store.FindTaskAsync(slow.Id))!.Status);
        Assert.DoesNotContain("endA", harness.CompletedPath(instance.Id));
    }

    [Fact]
    public async Task UncaughtErrorEndEvent_FailsTheInstance()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/terminate-and-fail.bpmn");

        var instance = await harness.StartAsync("failingFlow");

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("FATAL", instance.EndErrorCode);
        Assert.Contains(harness.Events, e => e.Event == "instanceFailed" && e.InstanceId == instance.Id);
    }

    [Theory]
    [InlineData("loop", "statements")]
    [InlineData("clr", "System is not defined")]
    [InlineData("recurse", "recursion")]
    [InlineData("memory", "memory")]
    [InlineData("global", "leaked is not defined")]
    public async Task Scripts_RunSandboxed_AndViolationsBecomeIncidents(string mode, string expected)
    {
        // Only the limit under test may stop the script: the clock gets minutes, so a loaded
        // machine cannot turn a statement or memory violation into a time-limit one, and the
        // memory script gets unlimited statements so memory is what runs out.
        var limits = ScriptLimits.Default with
        {
            Timeout = TimeSpan.FromMinutes(5),
            MaxStatements = mode == "memory" ? int.MaxValue : ScriptLimits.Default.MaxStatements,
        };
        var harness = new EngineHarness(scriptLimits: limits);
        await harness.DeployAsync("runtime/sandbox.bpmn");

        var instance = await harness.StartAsync("sandbox", new { mode });

        var incident = Assert.Single(instance.Incidents);
        Assert.Equal(mode, incident.ElementId);
        Assert.Equal(IncidentCodes.ExpressionFailed, incident.Code);
        Assert.Contains(expected, incident.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ScriptThatNeverEnds_IsStoppedByTheTimeLimit_AndBecomesAnIncident()
    {
        // Statements are unlimited, so only the clock can stop the endless loop, however fast the machine.
        var limits = ScriptLimits.Default with { Timeout = TimeSpan.FromMilliseconds(200), MaxStatements = int.MaxValue };
        var harness = new EngineHarness(scriptLimits: limits);
        await harness.DeployAsync("runtime/sandbox.bpmn");

        var instance = await harness.StartAsync("sandbox", new { mode = "loop" });

        var incident = Assert.Single(instance.Incidents);
        Assert.Equal(("loop", IncidentCodes.ExpressionFailed), (incident.ElementId, incident.Code));
        Assert.Contains("time limit", incident.Message);
    }

    [Fact]
    public async Task LoopWithoutWaitState_StopsWithRunawayIncident_AndKeepsTheInstance()
    {
        var harness = new EngineHarness();
        var xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <process id="spin" isExecutable="true">
                <startEvent id="start" />
                <sequenceFlow id="f1" sourceRef="start" targetRef="count" />
                <scriptTask id="count" camunda:resultVariable="n"><script>n + 1</script></scriptTask>
                <sequenceFlow id="f2" sourceRef="count" targetRef="again" />
                <exclusiveGateway id="again" default="out" />
                <sequenceFlow id="back" sourceRef="again" targetRef="count"><conditionExpression>${n &gt; 0}</conditionExpression></sequenceFlow>
                <sequenceFlow id="out" sourceRef="again" targetRef="end" />
                <endEvent id="end" />
              </process>
            </definitions>
            """;
        await harness.Engine.DeployAsync(xml);

        var instance = await harness.StartAsync("spin", new { n = 0 });

        Assert.Equal(IncidentCodes.Runaway, Assert.Single(instance.Incidents).Code);
        Assert.NotNull(await harness.ReloadAsync(instance));
    }
}
