using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Time;
using OnboardingWorkflow.Server.Jobs;

namespace OnboardingWorkflow.Server.Tests.Jobs;

public sealed class WorkflowTimersJobFacts
{
    private const string TimerProcess = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://example.com/test">
          <process id="waitAnHour" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private static WorkflowTimersJob Job(IServiceProvider services) =>
        new(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<WorkflowTimersJob>.Instance);

    [Fact]
    public async Task Run_FiresDueTimers_OfTheRegisteredEngine()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var engine = new WorkflowEngine(new WorkflowEngineOptions { Clock = clock });
        await engine.DeployAsync(TimerProcess, "wait.bpmn");
        var instance = await engine.StartAsync("waitAnHour");
        await using var services = new ServiceCollection().AddScoped(_ => engine).BuildServiceProvider();

        Assert.Equal(0, await Job(services).RunAsync(CancellationToken.None));
        Assert.False((await engine.GetInstanceAsync(instance.Id))!.IsEnded);

        clock.Advance(TimeSpan.FromHours(1));
        var fired = await Job(services).RunAsync(CancellationToken.None);

        Assert.Equal(1, fired);
        Assert.Equal(InstanceStatus.Completed, (await engine.GetInstanceAsync(instance.Id))!.Status);
    }

    [Fact]
    public async Task Run_DoesNothing_WhenNoEngineIsRegistered()
    {
        await using var services = new ServiceCollection().BuildServiceProvider();

        Assert.Equal(0, await Job(services).RunAsync(CancellationToken.None));
    }
}
