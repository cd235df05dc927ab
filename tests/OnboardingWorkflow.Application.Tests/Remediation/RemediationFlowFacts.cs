using OnboardingWorkflow.Application.Remediation;
using OnboardingWorkflow.Application.Tests.Support;
using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static OnboardingWorkflow.Application.Tests.Support.RemediationWorld;

namespace OnboardingWorkflow.Application.Tests.Remediation;

/// <summary>
/// Remediation cases on workflows/risk-remediation.bpmn with the real engine, handlers and
/// receivables import, and a clock the test moves: a plan paid on time, a plan that defaults and
/// goes to legal action, a write-off, and a restructuring decided by authority.
/// </summary>
public abstract class RemediationFlowFacts<TWorld>(TWorld world) : IClassFixture<TWorld>
    where TWorld : CaseDatabase
{
    [Fact]
    public async Task A_plan_paid_on_time_closes_the_case_releases_the_hold_and_makes_the_customer_active_again()
    {
        var customer = await world.CustomerOwingAsync("Low", null, 1000m, 500m);
        var opened = await world.OpenAsync(customer);
        Assert.Equal((RemediationStage.Collection, 150_000L), (opened.Stage, opened.DebtMinor));
        Assert.Equal(["decideRemediation"], await world.OpenTasksAsync(customer));
        var hold = Assert.Single(await world.HoldsAsync(customer));
        Assert.Equal((CreditHoldSource.Collection, opened.InstanceId, true), (hold.Source, hold.CaseId, hold.InForce));

        var start = world.Today;
        await world.ProposeAsync(customer, (start.AddDays(30), 500m), (start.AddDays(60), 500m), (start.AddDays(90), 500m));
        await world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia, new { option = "paymentPlan", note = "agreed on the phone" });

        Assert.Equal(CustomerStatus.Suspended, (await world.ReloadAsync(customer)).Status);
        var planned = await world.ViewAsync(customer);
        Assert.Equal("PaymentPlan", planned.Case!.Stage);
        Assert.Equal(["Due", "Due", "Due"], planned.Instalments.Select(i => i.State));
        Assert.Equal(["PlanAgreement"], planned.Letters.Select(l => l.Kind));
        Assert.Empty(await world.OpenTasksAsync(customer));

        // Five days before the first instalment: its reminder, once.
        await world.AdvanceToAsync(start.AddDays(24));
        Assert.Equal(["PlanAgreement"], (await world.ViewAsync(customer)).Letters.Select(l => l.Kind));
        await world.AdvanceToAsync(start.AddDays(25));
        await world.AdvanceToAsync(start.AddDays(26));
        Assert.Equal(["PlanAgreement", "InstalmentReminder"], (await world.ViewAsync(customer)).Letters.Select(l => l.Kind));

        await world.PayAsync(customer, 500m);
        Assert.Equal(["Paid", "Due", "Due"], (await world.ViewAsync(customer)).Instalments.Select(i => i.State));
        await world.AdvanceToAsync(start.AddDays(40));
        Assert.Equal("PaymentPlan", (await world.CaseAsync(customer)).Stage.ToString());

        await world.PayAsync(customer, 1000m);
        var closed = await world.CaseAsync(customer);
        Assert.Equal((RemediationStage.Closed, RemediationOutcome.PlanPaid), (closed.Stage, closed.Outcome));
        Assert.Equal(CustomerStatus.Active, (await world.ReloadAsync(customer)).Status);
        Assert.False(Assert.Single(await world.HoldsAsync(customer)).InForce);
        Assert.Equal(["Paid", "Paid", "Paid"], (await world.ViewAsync(customer)).Instalments.Select(i => i.State));
        var changes = await world.AuditAsync(customer, "customer.status-changed");
        Assert.Equal(2, changes.Count);
        Assert.StartsWith("Active -> Suspended", changes[0]);
        Assert.StartsWith("Suspended -> Active", changes[1]);

        var mails = await world.MailsAsync(closed.InstanceId);
        Assert.Equal(["remediation.InstalmentReminder", "remediation.PlanAgreement"], mails.Select(m => m.Category).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.Equal("ap@customer.example", m.To));
    }

    [Fact]
    public async Task A_payment_plan_defaults_and_moves_to_legal_action_with_the_customer_blocked()
    {
        var customer = await world.CustomerOwingAsync("Low", "zh-CN", 1200m);
        await world.OpenAsync(customer);
        var start = world.Today;
        await world.ProposeAsync(customer, (start.AddDays(30), 600m), (start.AddDays(60), 600m));
        await world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia, new { option = "paymentPlan" });

        // Half of the first instalment, and the grace period (five days after the due day) passes.
        await world.PayAsync(customer, 300m);
        await world.AdvanceToAsync(start.AddDays(35));
        Assert.Equal(CustomerStatus.Suspended, (await world.ReloadAsync(customer)).Status);
        Assert.Empty(await world.OpenTasksAsync(customer));
        await world.AdvanceToAsync(start.AddDays(36));

        var view = await world.ViewAsync(customer);
        Assert.Equal("Legal", view.Case!.Stage);
        Assert.Equal(["Missed", "Due"], view.Instalments.Select(i => i.State));
        Assert.Equal(300m, view.Instalments[0].Paid);
        Assert.Equal(CustomerStatus.Blocked, (await world.ReloadAsync(customer)).Status);
        Assert.Equal(["recordLegalOutcome"], await world.OpenTasksAsync(customer));
        Assert.Contains(await world.HoldsAsync(customer), h => h.InForce && h.Source == CreditHoldSource.Collection);
        var notice = Assert.Single(view.Letters, l => l.Kind == "DefaultNotice");
        Assert.Equal(("zh-CN", 1), (notice.Language, notice.Instalment));
        Assert.Contains("还款计划终止", notice.Subject);
        Assert.Equal(["Active -> Suspended", "Suspended -> Blocked"], (await world.AuditAsync(customer, "customer.status-changed")).Select(d => d[..d.IndexOf(':')]));

        // The legal file recovers the debt: the case closes and the customer returns.
        await world.CompleteAsync(customer, RemediationProcess.Tasks.RecordLegalOutcome, Max, new { option = "recovered", legalReference = "LAW-2026-17" });
        var closed = await world.CaseAsync(customer);
        Assert.Equal((RemediationOutcome.Recovered, "LAW-2026-17"), (closed.Outcome, closed.LegalReference));
        Assert.Equal(CustomerStatus.Active, (await world.ReloadAsync(customer)).Status);
    }

    [Fact]
    public async Task A_write_off_after_legal_action_exits_the_customer_and_lists_it_with_the_reason()
    {
        var customer = await world.CustomerOwingAsync("Low", null, 800m);
        await world.OpenAsync(customer);
        await world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia, new { option = "legalAction" });
        Assert.Equal(CustomerStatus.Blocked, (await world.ReloadAsync(customer)).Status);

        await world.CompleteAsync(customer, RemediationProcess.Tasks.RecordLegalOutcome, Mia,
            new { option = "writeOff", legalReference = "LAW-9", reason = "insolvent: liquidation opened" });
        Assert.Equal(["approveRemediationAnalyst"], await world.OpenTasksAsync(customer));
        await Assert.ThrowsAsync<ApprovalRefusedException>(() =>
            world.CompleteAsync(customer, RemediationProcess.Tasks.ApproveAnalyst, new CurrentUser("mia", [Data.Identity.Roles.CreditManager, Data.Identity.Roles.CreditAnalyst]),
                new { decision = "approve" }));
        await world.CompleteAsync(customer, RemediationProcess.Tasks.ApproveAnalyst, Ana, new { decision = "approve" });

        var closed = await world.CaseAsync(customer);
        Assert.Equal((RemediationOutcome.WrittenOff, 80_000L), (closed.Outcome, closed.WriteDownMinor));
        Assert.Equal(CustomerStatus.Exited, (await world.ReloadAsync(customer)).Status);
        var listed = await world.RunAsync(s => s.GetRequiredService<Data.OnboardingDbContext>().Set<NegativeListEntry>().AsNoTracking()
            .SingleAsync(e => e.RegistrationNumber == customer.RegistrationNumber));
        Assert.Equal(customer.Name, listed.Name);
        Assert.Contains("insolvent: liquidation opened", listed.Reason);
        Assert.Contains("800.00", listed.Reason);
        Assert.Equal("mia", listed.AddedBy);
        Assert.Contains(await world.AuditAsync(customer, "customer.status-changed"), d => d.StartsWith("Blocked -> Exited", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restructuring_above_an_analysts_authority_goes_to_a_credit_manager_who_is_not_its_maker()
    {
        var customer = await world.CustomerOwingAsync("Medium", null, 150_000m);
        await world.OpenAsync(customer, Max);
        var start = world.Today;
        await world.ProposeAsync(customer, (start.AddDays(30), 65_000m), (start.AddDays(60), 65_000m));
        await world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia,
            new { option = "restructuring", writeDownAmount = 20_000m, reason = "disputed deliveries settled" });

        Assert.Equal(["approveRemediationManager"], await world.OpenTasksAsync(customer));
        Assert.Equal(RemediationStage.Approval, (await world.CaseAsync(customer)).Stage);
        var refused = await Assert.ThrowsAsync<ApprovalRefusedException>(() =>
            world.CompleteAsync(customer, RemediationProcess.Tasks.ApproveManager, Mia, new { decision = "approve" }));
        Assert.Equal(ApprovalRefusal.SelfApproval, refused.Refusal);
        await Assert.ThrowsAsync<AppException>(() => world.CompleteAsync(customer, RemediationProcess.Tasks.ApproveManager, Ana, new { decision = "approve" }));

        // The opener may approve what someone else proposed.
        await world.CompleteAsync(customer, RemediationProcess.Tasks.ApproveManager, Max, new { decision = "approve" });
        var planned = await world.CaseAsync(customer);
        Assert.Equal((RemediationStage.PaymentPlan, 2_000_000L, 13_000_000L), (planned.Stage, planned.WriteDownMinor, planned.PlanTotalMinor));
        Assert.Equal(CustomerStatus.Suspended, (await world.ReloadAsync(customer)).Status);
    }

    [Fact]
    public async Task A_restructuring_for_a_high_risk_customer_needs_two_committee_votes_and_a_rejection_sends_it_back()
    {
        var customer = await world.CustomerOwingAsync("High", null, 9_000m);
        await world.OpenAsync(customer);
        var start = world.Today;
        await world.ProposeAsync(customer, (start.AddDays(30), 4_000m));
        await world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia, new { option = "restructuring", writeDownAmount = 5_000m, reason = "hardship" });
        Assert.Equal(3, (await world.OpenTasksAsync(customer)).Count(t => t == RemediationProcess.Tasks.ApproveCommittee));

        await world.CompleteAsync(customer, RemediationProcess.Tasks.ApproveCommittee, Rita, new { decision = "reject", note = "too generous" }, assignee: "rita");
        Assert.Equal(["decideRemediation"], await world.OpenTasksAsync(customer));
        Assert.Equal(RemediationStage.Collection, (await world.CaseAsync(customer)).Stage);

        await world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia, new { option = "restructuring", writeDownAmount = 5_000m, reason = "hardship, second look" });
        await world.CompleteAsync(customer, RemediationProcess.Tasks.ApproveCommittee, Rita, new { decision = "approve" }, assignee: "rita");
        Assert.Equal("Approval", (await world.CaseAsync(customer)).Stage.ToString());
        await world.CompleteAsync(customer, RemediationProcess.Tasks.ApproveCommittee, Rob, new { decision = "approve" }, assignee: "rob");
        Assert.Equal(RemediationStage.PaymentPlan, (await world.CaseAsync(customer)).Stage);
    }
}

public sealed class RemediationFlowOnSqliteFacts(SqliteRemediationWorld world) : RemediationFlowFacts<SqliteRemediationWorld>(world);

public sealed class RemediationFlowOnPostgreSqlFacts(PostgreSqlRemediationWorld world) : RemediationFlowFacts<PostgreSqlRemediationWorld>(world);
