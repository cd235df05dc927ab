using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Application.Tests.Tasks;

/// <summary>
/// The task page's read on a real SQLite database: the ownership rule (a task of a case the reader
/// may not see is "not found"), the audit of each granted read, the contract's fields, and who may act.
/// </summary>
public sealed class TaskDetailsFacts : IAsyncLifetime
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://example.com/test">
          <bpmn:process id="taskDetailsFacts" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="decide" />
            <bpmn:userTask id="decide" name="Decide the case" camunda:candidateGroups="CreditAnalyst" camunda:dueDate="P3D">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="decision" label="Decision" type="enum">
                    <camunda:value id="approve" name="Approve" />
                    <camunda:value id="reject" name="Reject" />
                    <camunda:validation><camunda:constraint name="required" /></camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="approvedLimit" label="Approved limit" type="decimal">
                    <camunda:validation><camunda:constraint name="min" config="0" /><camunda:constraint name="max" config="1000000" /></camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="visits" label="Visits" type="long" defaultValue="2" />
                  <camunda:formField id="reviewOn" label="Review on" type="date">
                    <camunda:validation><camunda:constraint name="min" config="2026-01-01" /></camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="note" label="Note" type="string">
                    <camunda:validation><camunda:constraint name="minlength" config="2" /><camunda:constraint name="maxlength" config="50" /></camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="urgent" label="Urgent" type="boolean" />
                  <camunda:formField id="segment" label="Segment" type="string">
                    <camunda:validation><camunda:constraint name="readonly" /></camunda:validation>
                  </camunda:formField>
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="decide" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly CurrentUser Sally = new("sally@owf.test", [Roles.Sales]);
    private static readonly CurrentUser Sam = new("sam@owf.test", [Roles.Sales]);
    private static readonly CurrentUser Ana = new("ana@owf.test", [Roles.CreditAnalyst]);
    private static readonly CurrentUser Mia = new("mia@owf.test", [Roles.CreditManager]);
    private static readonly CurrentUser Audrey = new("audrey@owf.test", [Roles.Auditor]);

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"owf-app-tests-{Guid.NewGuid():N}.db");
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;
    private Guid _applicationId;
    private string _taskId = "";

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddOnboardingData(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = new SqliteConnectionStringBuilder { DataSource = _file }.ToString() });
        services.AddSingleton<TimeProvider>(_clock);
        services.AddScoped<IEmailOutbox, EfEmailOutbox>();
        services.AddScoped(sp => new WorkflowEngine(new WorkflowEngineOptions
        {
            Definitions = new EfDefinitionStore(sp.GetRequiredService<OnboardingDbContext>()),
            Instances = new EfInstanceStore(sp.GetRequiredService<OnboardingDbContext>()),
            Clock = _clock,
        }));
        services.AddOnboardingApplication();
        _services = services.BuildServiceProvider(validateScopes: true);

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        await DatabaseInitializer.MigrateAsync(db);
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        await engine.DeployAsync(Bpmn, "task-details.bpmn");

        var customer = new Customer { Id = Guid.NewGuid(), Name = "Acme Trading", RegistrationNumber = "91ACME0001", CreatedAt = _clock.GetUtcNow(), Owner = Sally.Name };
        _applicationId = Guid.NewGuid();
        db.Add(customer);
        db.Add(new OnboardingApplication
        {
            Id = _applicationId, CustomerId = customer.Id, Maker = Sally.Name, RequestedLimit = 80_000m, RequestedTermsDays = 30,
            ExpectedMonthlyPurchases = 10_000m, CreatedAt = _clock.GetUtcNow(), UpdatedAt = _clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        var instance = await engine.StartAsync("taskDetailsFacts", new Dictionary<string, object?> { ["segment"] = "wholesale" }, _applicationId.ToString());
        _taskId = instance.Bookmarks.Single().Id;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(_file + suffix);
        }
    }

    [Fact]
    public async Task The_maker_and_credit_staff_read_the_task_with_its_case_and_the_read_is_audited()
    {
        foreach (var reader in new[] { Sally, Ana, Audrey })
        {
            var view = await ReadAsync(reader);
            Assert.Equal(("decide", "Decide the case", "Open"), (view.Task.ElementId, view.Task.Name, view.Task.Status));
            Assert.Equal(_applicationId.ToString(), view.BusinessKey);
            Assert.Equal("Acme Trading", view.Application!.Application.CustomerName);
            Assert.Equal(80_000m, view.Application.Application.RequestedLimit);
            Assert.Contains(view.History, e => e.Event == "instanceStarted");
            Assert.Equal(["decide"], view.WaitingElements);
        }

        var reads = await AuditsAsync("task.read");
        Assert.Equal([Sally.Name, Ana.Name, Audrey.Name], reads.Select(a => a.Actor).ToArray());
        Assert.All(reads, a => Assert.Equal(("Task", _taskId), (a.EntityType, a.EntityId)));
        Assert.All(reads, a => Assert.NotNull(a.CustomerId));
    }

    [Fact]
    public async Task Another_salesperson_gets_not_found_and_no_read_is_recorded()
    {
        var refusal = await Assert.ThrowsAsync<AppException>(() => ReadAsync(Sam));
        Assert.Equal((AppErrorKind.NotFound, ErrorCodes.NotFound), (refusal.Kind, refusal.Code));
        var missing = await Assert.ThrowsAsync<AppException>(() => ReadAsync(Ana, "no-such-task"));
        Assert.Equal(AppErrorKind.NotFound, missing.Kind);
        // The two answers read alike, so a task id cannot be probed.
        Assert.Equal(refusal.Message.Replace(_taskId, "no-such-task", StringComparison.Ordinal), missing.Message);
        Assert.Empty(await AuditsAsync("task.read"));
    }

    [Fact]
    public async Task The_contract_fields_come_typed_with_their_constraints()
    {
        var fields = (await ReadAsync(Ana)).Fields.ToDictionary(f => f.Id);

        Assert.Equal(["decision", "approvedLimit", "visits", "reviewOn", "note", "urgent", "segment"], fields.Keys.ToArray());
        Assert.Equal((TaskFieldKind.Choice, true), (fields["decision"].Kind, fields["decision"].Required));
        Assert.Equal([new TaskFieldOption("approve", "Approve"), new TaskFieldOption("reject", "Reject")], fields["decision"].Options);
        Assert.Equal((TaskFieldKind.Number, 0m, 1_000_000m), (fields["approvedLimit"].Kind, fields["approvedLimit"].Min, fields["approvedLimit"].Max));
        Assert.Equal((TaskFieldKind.WholeNumber, "2"), (fields["visits"].Kind, fields["visits"].DefaultValue));
        Assert.Equal((TaskFieldKind.Date, new DateOnly(2026, 1, 1)), (fields["reviewOn"].Kind, fields["reviewOn"].MinDate));
        Assert.Equal((TaskFieldKind.Text, 2, 50), (fields["note"].Kind, fields["note"].MinLength, fields["note"].MaxLength));
        Assert.Equal(TaskFieldKind.YesNo, fields["urgent"].Kind);
        Assert.Equal((true, "wholesale"), (fields["segment"].ReadOnly, fields["segment"].CurrentValue));
    }

    [Fact]
    public async Task Only_a_candidate_may_act_and_a_claim_by_someone_else_stops_them()
    {
        Assert.Equal((true, true), Acting(await ReadAsync(Ana)));
        Assert.Equal((false, false), Acting(await ReadAsync(Mia)));
        Assert.Equal((false, false), Acting(await ReadAsync(Audrey)));
        Assert.Equal((false, false), Acting(await ReadAsync(Sally)));

        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
            db.Add(new TaskClaim { TaskId = _taskId, UserName = Ana.Name, ClaimedAt = _clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        var claimed = await ReadAsync(Ana);
        Assert.Equal((true, false), Acting(claimed));
        Assert.Equal(Ana.Name, claimed.Task.ClaimedBy);
        var alan = new CurrentUser("alan@owf.test", [Roles.CreditAnalyst]);
        Assert.Equal((false, false), Acting(await ReadAsync(alan)));
    }

    [Theory]
    [InlineData("2026-11-29", ExpiryState.Expired)]
    [InlineData("2026-11-30", ExpiryState.Expired)]
    [InlineData("2026-12-30", ExpiryState.ExpiringSoon)]
    [InlineData("2026-12-31", ExpiryState.Valid)]
    public void A_document_expiring_on_the_day_is_expired_and_within_30_days_is_flagged(string expiry, ExpiryState expected) =>
        Assert.Equal(expected, TaskView.ExpiryOf(DateOnly.Parse(expiry), new DateOnly(2026, 11, 30)));

    private static (bool MayAct, bool MayClaim) Acting(TaskView view) => (view.MayAct, view.MayClaim);

    private async Task<TaskView> ReadAsync(CurrentUser user, string? taskId = null)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaskDetails>().GetAsync(taskId ?? _taskId, user);
    }

    private async Task<List<AuditEvent>> AuditsAsync(string action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OnboardingDbContext>().Set<AuditEvent>().AsNoTracking()
            .Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync();
    }
}
