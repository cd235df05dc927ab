using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Dunning;
using OnboardingWorkflow.Application.Remediation;
using OnboardingWorkflow.Application.Tests.Support;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using static OnboardingWorkflow.Application.Tests.Support.RemediationWorld;

namespace OnboardingWorkflow.Application.Tests.Remediation;

/// <summary>
/// The overdue escalation (workflows/overdue-escalation.bpmn) hands a customer over to remediation
/// from its collection task: the escalation ends and releases its hold, one remediation case opens
/// with its own hold, and the escalation job leaves the customer to it.
/// </summary>
public abstract class EscalationHandOverFacts<TWorld>(TWorld world) : IClassFixture<TWorld>
    where TWorld : CaseDatabase
{
    private async Task<(Customer Customer, DunningCase Escalation)> EscalatedToCollectionAsync()
    {
        var customer = await world.CustomerOwingAsync(world.Today.AddDays(-35), "Low", null, 2_000m);
        Assert.Equal(EscalationStep.Started, await world.RunAsync(s => s.GetRequiredService<CustomerEscalation>().EscalateAsync(customer.Id, world.Today, CancellationToken.None)));
        var escalation = await world.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<DunningCase>().AsNoTracking().SingleAsync(c => c.CustomerId == customer.Id));
        Assert.Equal(3, escalation.Level);
        return (customer, escalation);
    }

    private Task<List<string>> EscalationTasksAsync(DunningCase escalation) =>
        world.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<WorkflowTaskEntity>()
            .Where(t => t.InstanceId == escalation.InstanceId && t.Status == "Open").Select(t => t.Id).ToListAsync());

    private async Task CollectAsync(DunningCase escalation, CurrentUser user, object variables)
    {
        var task = Assert.Single(await EscalationTasksAsync(escalation));
        var values = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(System.Text.Json.JsonSerializer.Serialize(variables))!
            .ToDictionary(kv => kv.Key, kv => (object?)kv.Value?.ToString());
        await world.RunAsync(s => s.GetRequiredService<Onboarding.TaskActions>().CompleteAsync(task, new Onboarding.TaskDecision(null, null, values), user, CancellationToken.None));
    }

    [Fact]
    public async Task The_collection_task_hands_the_customer_over_and_the_escalation_ends()
    {
        var (customer, escalation) = await EscalatedToCollectionAsync();
        Assert.Contains(await world.HoldsAsync(customer), h => h.Source == CreditHoldSource.Dunning && h.InForce);

        await CollectAsync(escalation, Mia, new { outcome = "remediation", note = "three calls, no payment" });

        var closed = await world.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<DunningCase>().AsNoTracking().SingleAsync(c => c.CustomerId == customer.Id));
        Assert.Equal((DunningCaseStatus.Closed, "handed over to remediation"), (closed.Status, closed.ClosedReason));
        Assert.Empty(await EscalationTasksAsync(escalation));
        var remediation = await world.CaseAsync(customer);
        Assert.Equal((RemediationStage.Collection, 200_000L, "mia", "three calls, no payment"), (remediation.Stage, remediation.DebtMinor, remediation.OpenedBy, remediation.Reason));
        Assert.Equal(["decideRemediation"], await world.OpenTasksAsync(customer));
        var holds = await world.HoldsAsync(customer);
        Assert.False(holds.Single(h => h.Source == CreditHoldSource.Dunning).InForce);
        Assert.True(holds.Single(h => h.Source == CreditHoldSource.Collection).InForce);

        // The escalation job leaves a customer in remediation alone, however high the level.
        await world.AdvanceToAsync(world.Today.AddDays(40));
        Assert.Equal(EscalationStep.None, await world.RunAsync(s => s.GetRequiredService<CustomerEscalation>().EscalateAsync(customer.Id, world.Today, CancellationToken.None)));
    }

    [Fact]
    public async Task A_hand_over_is_refused_before_anything_moves_when_the_customer_already_has_a_case()
    {
        var (customer, escalation) = await EscalatedToCollectionAsync();
        await world.OpenAsync(customer, Max);

        var refused = await Assert.ThrowsAsync<AppException>(() => CollectAsync(escalation, Mia, new { outcome = "remediation" }));

        Assert.Equal(ErrorCodes.RemediationOpen, refused.Code);
        Assert.Single(await EscalationTasksAsync(escalation));
        Assert.Equal(DunningCaseStatus.Running, (await world.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<DunningCase>().AsNoTracking()
            .SingleAsync(c => c.CustomerId == customer.Id))).Status);
    }
}

public sealed class EscalationHandOverOnSqliteFacts(SqliteRemediationWorld world) : EscalationHandOverFacts<SqliteRemediationWorld>(world);

public sealed class EscalationHandOverOnPostgreSqlFacts(PostgreSqlRemediationWorld world) : EscalationHandOverFacts<PostgreSqlRemediationWorld>(world);
