using OnboardingWorkflow.Application.Remediation;
using OnboardingWorkflow.Application.Tests.Support;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using static OnboardingWorkflow.Application.Tests.Support.RemediationWorld;

namespace OnboardingWorkflow.Application.Tests.Remediation;

/// <summary>What opening a case, sending a plan and deciding refuse, each with a stable code or the field at fault; nothing moves when they do.</summary>
public sealed class RemediationInputFacts(SqliteRemediationWorld world) : IClassFixture<SqliteRemediationWorld>
{
    private static async Task<AppException> Refused(Func<Task> act) => await Assert.ThrowsAsync<AppException>(act);

    [Fact]
    public async Task A_case_opens_once_for_a_customer_who_owes_and_only_by_a_credit_manager()
    {
        var owing = await world.CustomerOwingAsync("Low", null, 100m);
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(() => world.OpenAsync(owing, Sally))).Code);
        await world.OpenAsync(owing);
        Assert.Equal(ErrorCodes.RemediationOpen, (await Refused(() => world.OpenAsync(owing, Max))).Code);

        var paidUp = await world.CustomerOwingAsync("Low", null);
        Assert.Equal(ErrorCodes.NothingOwed, (await Refused(() => world.OpenAsync(paidUp))).Code);
    }

    [Fact]
    public async Task Instalments_that_do_not_add_up_to_the_debt_are_too_many_or_not_ahead_are_refused()
    {
        var customer = await world.CustomerOwingAsync("Low", null, 1000m);
        var row = await world.OpenAsync(customer);
        var today = world.Today;

        var past = await Refused(() => world.ProposeAsync(customer, (today, 500m), (today.AddDays(10), 500m)));
        Assert.Equal(["instalments[0].dueDate"], past.FieldErrors!.Keys);
        var unordered = await Refused(() => world.ProposeAsync(customer, (today.AddDays(20), 500m), (today.AddDays(10), 500m)));
        Assert.Equal(["instalments[1].dueDate"], unordered.FieldErrors!.Keys);
        var tooMany = await Refused(() => world.ProposeAsync(customer, Enumerable.Range(1, 37).Select(k => (today.AddDays(k), 1m)).ToArray()));
        Assert.Contains("at most 36", tooMany.FieldErrors!["instalments"][0]);
        var aboveDebt = await Refused(() => world.ProposeAsync(customer, (today.AddDays(10), 1000.01m)));
        Assert.Equal(["instalments"], aboveDebt.FieldErrors!.Keys);

        // Below the debt is a valid proposal, but not a plan for the whole debt.
        await world.ProposeAsync(customer, (today.AddDays(10), 300m), (today.AddDays(40), 300m));
        var short_ = await Refused(() => world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia, new { option = "paymentPlan" }));
        Assert.Contains("600.00", short_.FieldErrors!["instalments"][0]);
        Assert.Contains("1000.00", short_.FieldErrors!["instalments"][0]);
        var withWriteDown = await Refused(() => world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia, new { option = "paymentPlan", writeDownAmount = 400m }));
        Assert.Equal(["writeDownAmount"], withWriteDown.FieldErrors!.Keys);

        // 600 planned + 400 written down is the debt, once the restructuring gives its reason.
        var noReason = await Refused(() => world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia, new { option = "restructuring", writeDownAmount = 400m }));
        Assert.Equal(["reason"], noReason.FieldErrors!.Keys);
        var wholeDebt = await Refused(() => world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia,
            new { option = "restructuring", writeDownAmount = 1000m, reason = "all of it" }));
        Assert.Equal(["writeDownAmount"], wholeDebt.FieldErrors!.Keys);

        Assert.Equal(["decideRemediation"], await world.OpenTasksAsync(customer));
        Assert.Equal((RemediationStage.Collection, row.Revision + 1), ((await world.CaseAsync(customer)).Stage, (await world.CaseAsync(customer)).Revision));
        await world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia, new { option = "restructuring", writeDownAmount = 400m, reason = "price dispute" });
        Assert.Equal(["approveRemediationAnalyst"], await world.OpenTasksAsync(customer));
        Assert.Equal(ErrorCodes.PlanFixed, (await Refused(() => world.ProposeAsync(customer, (today.AddDays(10), 600m)))).Code);
    }

    [Fact]
    public async Task A_decision_may_set_only_the_variables_its_task_declares()
    {
        var customer = await world.CustomerOwingAsync("Low", null, 100m);
        await world.OpenAsync(customer);

        await Assert.ThrowsAsync<TaskContractViolationException>(() =>
            world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia, new { option = "legalAction", instalmentCount = 3 }));
        await Assert.ThrowsAsync<TaskContractViolationException>(() =>
            world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia, new { option = "legalAction", approvalLevel = "analyst" }));
        await Assert.ThrowsAsync<TaskContractViolationException>(() =>
            world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia, new { option = "forgive" }));
        await Assert.ThrowsAsync<TaskContractViolationException>(() =>
            world.CompleteAsync(customer, RemediationProcess.Tasks.Decide, Mia, new { option = "legalAction", note = new string('x', 2001) }));

        Assert.Equal(["decideRemediation"], await world.OpenTasksAsync(customer));
        Assert.Equal(CustomerStatus.Active, (await world.ReloadAsync(customer)).Status);
    }
}
