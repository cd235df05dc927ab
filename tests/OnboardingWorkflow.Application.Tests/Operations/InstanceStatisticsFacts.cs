using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Tests.Support;
using OnboardingWorkflow.Application.Workflow;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Application.Tests.Operations;

/// <summary>
/// The per-element counts of a version come from SQL (bookmarks grouped, incidents unnested from the
/// state JSON of only the rows that have some) and match what the instances really hold; the
/// instance list filters in SQL; cancelling records the reason in history, archive and audit.
/// </summary>
public sealed class InstanceStatisticsFacts : IAsyncLifetime
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://example.com/test">
          <process id="opsDemo" name="Ops demo" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="check" />
            <serviceTask id="check" name="Check" camunda:class="check" />
            <sequenceFlow id="f2" sourceRef="check" targetRef="review" />
            <userTask id="review" name="Review" camunda:candidateGroups="CreditAnalyst" />
            <sequenceFlow id="f3" sourceRef="review" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private static readonly CurrentUser Manager = new("mia@owf.test", [Roles.CreditManager]);
    private static readonly CurrentUser Analyst = new("ana@owf.test", [Roles.CreditAnalyst]);

    private readonly SqliteWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _world.Handlers.Register("check", context =>
        {
            if (context.GetVariable("fail") is true)
            {
                throw new InvalidOperationException("the bureau is down");
            }
        });
        await _world.Engine.DeployAsync(Process, "ops.bpmn");
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    private Task<ProcessInstance> StartAsync(bool fail, string? businessKey = null) =>
        _world.Engine.StartAsync("opsDemo", new Dictionary<string, object?> { ["fail"] = fail }, businessKey);

    [Fact]
    public async Task Counts_waiting_tokens_and_open_incidents_per_element_of_the_version()
    {
        for (var i = 0; i < 3; i++)
        {
            await StartAsync(fail: false);
        }

        await StartAsync(fail: true);
        await StartAsync(fail: true);
        // A second version's instances do not count for the first.
        await _world.Engine.DeployAsync(Process.Replace("name=\"Review\"", "name=\"Review v2\"", StringComparison.Ordinal), "ops.bpmn");
        await StartAsync(fail: true);

        var stats = await _world.Instances.StatisticsAsync("opsDemo", 1, CancellationToken.None);

        Assert.Equal(5, stats.RunningInstances);
        var review = Assert.Single(stats.Elements, e => e.ElementId == "review");
        Assert.Equal(("Review", 3, 0), (review.ElementName, review.WaitingTokens, review.OpenIncidents));
        var check = Assert.Single(stats.Elements, e => e.ElementId == "check");
        Assert.Equal(("Check", 0, 2), (check.ElementName, check.WaitingTokens, check.OpenIncidents));
        Assert.Equal(2, stats.Elements.Count);

        var second = await _world.Instances.StatisticsAsync("opsDemo", 2, CancellationToken.None);
        Assert.Equal(1, Assert.Single(second.Elements).OpenIncidents);
    }

    [Fact]
    public async Task Unknown_version_is_not_found()
    {
        var refusal = await Assert.ThrowsAsync<AppException>(() => _world.Instances.StatisticsAsync("opsDemo", 9, CancellationToken.None));
        Assert.Equal(ErrorCodes.NotFound, refusal.Code);
    }

    [Fact]
    public async Task The_list_filters_by_incident_business_key_and_status_and_pages()
    {
        await StartAsync(fail: false, businessKey: "bk-1");
        await StartAsync(fail: true, businessKey: "bk-2");
        await StartAsync(fail: false, businessKey: "bk-3");

        var withIncident = await _world.Instances.InstancesAsync(new InstanceListQuery { HasIncident = true }, CancellationToken.None);
        Assert.Equal("bk-2", Assert.Single(withIncident.Items).BusinessKey);

        var byKey = await _world.Instances.InstancesAsync(new InstanceListQuery { BusinessKey = "bk-3" }, CancellationToken.None);
        Assert.Equal(1, byKey.Total);

        var paged = await _world.Instances.InstancesAsync(new InstanceListQuery { ProcessKey = "opsDemo", PageSize = 2, Page = 2 }, CancellationToken.None);
        Assert.Equal((3, 1), (paged.Total, paged.Items.Count));

        var refusal = await Assert.ThrowsAsync<AppException>(() => _world.Instances.InstancesAsync(new InstanceListQuery { Status = "Sleeping" }, CancellationToken.None));
        Assert.Contains("status", refusal.FieldErrors!.Keys);
    }

    [Fact]
    public async Task Cancel_ends_the_instance_and_records_the_reason_in_history_archive_and_audit()
    {
        var customer = new Customer { Id = Guid.NewGuid(), Name = "Acme", RegistrationNumber = "91310000ACME0001X", Status = CustomerStatus.Prospect, CreatedAt = _world.Clock.GetUtcNow() };
        var application = new OnboardingApplication { Id = Guid.NewGuid(), CustomerId = customer.Id, Maker = "sally@owf.test", Status = ApplicationStatus.InProgress, Stage = ApplicationStage.DueDiligence, CreatedAt = _world.Clock.GetUtcNow() };
        _world.Db.AddRange(customer, application);
        await _world.Db.SaveChangesAsync();
        var instance = await StartAsync(fail: false, businessKey: application.Id.ToString());
        application.InstanceId = instance.Id;
        await _world.Db.SaveChangesAsync();

        var cancelled = await _world.Administration.CancelInstanceAsync(instance.Id, "  customer went out of business  ", Manager, CancellationToken.None);

        Assert.Equal(InstanceStatus.Terminated, cancelled.Status);
        var history = await _world.Engine.Options.Instances.GetHistoryAsync(instance.Id);
        var terminated = Assert.Single(history, h => h.Event == HistoryEventTypes.InstanceTerminated);
        Assert.Equal(("customer went out of business", Manager.Name), (terminated.Detail, terminated.Actor));
        var task = await _world.Db.Set<WorkflowTaskEntity>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id);
        Assert.Equal("Cancelled", task.Status);
        var decision = await _world.Db.Set<CreditDecision>().AsNoTracking().SingleAsync(d => d.ApplicationId == application.Id);
        Assert.Equal((DecisionOutcome.Withdrawn, "customer went out of business"), (decision.Outcome, decision.Comment));
        var stored = await _world.Db.Set<OnboardingApplication>().AsNoTracking().SingleAsync(a => a.Id == application.Id);
        Assert.Equal(ApplicationStatus.Withdrawn, stored.Status);
        Assert.True(await _world.Db.Set<AuditEvent>().AnyAsync(a => a.Action == "instance.cancelled" && a.EntityId == instance.Id.ToString()));

        var again = await Assert.ThrowsAsync<AppException>(() => _world.Administration.CancelInstanceAsync(instance.Id, "twice", Manager, CancellationToken.None));
        Assert.Equal(ErrorCodes.InvalidState, again.Code);
    }

    [Fact]
    public async Task Cancel_needs_a_reason_and_a_manager_or_admin()
    {
        var instance = await StartAsync(fail: false);

        var noReason = await Assert.ThrowsAsync<AppException>(() => _world.Administration.CancelInstanceAsync(instance.Id, " ", Manager, CancellationToken.None));
        Assert.Contains("reason", noReason.FieldErrors!.Keys);
        var analyst = await Assert.ThrowsAsync<AppException>(() => _world.Administration.CancelInstanceAsync(instance.Id, "no", Analyst, CancellationToken.None));
        Assert.Equal(AppErrorKind.Forbidden, analyst.Kind);
        Assert.Equal(InstanceStatus.Waiting, (await _world.Engine.GetInstanceAsync(instance.Id))!.Status);
    }
}
