using System.Text.Json;
using static OnboardingWorkflow.Cli.Tests.OnboardingFlowSimulation;

namespace OnboardingWorkflow.Cli.Tests;

/// <summary>
/// Drives <c>workflows/risk-remediation.bpmn</c> through <c>owf validate</c> and <c>owf simulate</c>:
/// the path of each option, the instalment timers of a plan (reminder, then the end of the grace
/// period) and the default that moves the case to legal action. Handlers are stand-ins.
/// </summary>
public sealed class RiskRemediationFlowFacts
{
    private const string Customer = "C-7";

    // The simulated clock starts on 2026-01-05 at 09:00 UTC: the reminder is due on 2026-02-01,
    // the grace period of the first instalment ends on 2026-02-10.
    private static string[] Handlers(bool missed = true, bool planPaid = false) =>
    [
        "--handler", """openRemediation={"holdPlaced":true}""",
        "--handler", """assessRemediation={"approvalLevel":"manager"}""",
        "--handler", """startPaymentPlan={"planStarted":true}""",
        "--handler", "nextInstalment=" + JsonSerializer.Serialize(new
        {
            planPaid, instalmentNumber = 1, remindAt = "2026-02-01T00:00:00Z", graceEndsAt = "2026-02-10T00:00:00Z", reminderSent = false,
        }),
        "--handler", """sendRemediationLetter={"letterSent":true}""",
        "--handler", "checkInstalment=" + JsonSerializer.Serialize(new { instalmentMissed = missed }),
        "--handler", """planDefaulted={"defaulted":true}""",
        "--handler", """startLegalAction={"blocked":true}""",
        "--handler", """closeRemediation={"closed":true}""",
        "--handler", """writeOffDebt={"writtenOff":true}""",
        "--handler", """remediationRejected={"rejected":true}""",
    ];

    private static OnboardingFlowResult Simulate(string[] handlers, params string[][] steps) =>
        Run(["simulate", RemediationFlowPath, "--business-key", Customer, "--started-by", "system",
            "--variables", JsonSerializer.Serialize(new { customerId = Customer, debt = 1200 }), .. handlers, .. steps.SelectMany(s => s)]);

    private static string[] Decide(string json) => Complete("decideRemediation", json, Manager);

    [Fact]
    public void The_flow_validates_without_errors_or_warnings()
    {
        var result = RunRaw(["validate", RemediationFlowPath]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal("", result.Stdout.Trim());
    }

    [Fact]
    public void A_payment_plan_defaults_and_moves_to_legal()
    {
        var plan = Decide("""{"option":"paymentPlan"}""");

        var waiting = Simulate(Handlers(), plan);
        Assert.True(waiting.ExitCode == 2, waiting.Describe());
        waiting.AssertPathContains("openCase", "decideRemediation", "assessRemediation", "optionGateway", "startPaymentPlan", "nextInstalment", "planPaidGateway");
        Assert.Equal(["reminderDue", "paymentBeforeReminder"], waiting.WaitingElements);
        Assert.Empty(waiting.OpenTasks);

        var reminded = Simulate(Handlers(), plan, ["--advance", "P30D"]);
        Assert.True(reminded.ExitCode == 2, reminded.Describe());
        reminded.AssertPathEndsWith("reminderDue", "sendInstalmentReminder", "awaitDueMerge");
        Assert.Equal(["graceOver", "paymentBeforeGrace"], reminded.WaitingElements);

        var defaulted = Simulate(Handlers(), plan, ["--advance", "P30D"], ["--advance", "P10D"]);
        Assert.True(defaulted.ExitCode == 2, defaulted.Describe());
        defaulted.AssertPathContains("graceOver", "checkInstalment", "missedGateway", "planDefaulted", "startLegalAction");
        Assert.Equal(["recordLegalOutcome"], defaulted.OpenTasks);
        Assert.DoesNotContain("closeRemediation", defaulted.Activated);
    }

    [Fact]
    public void A_kept_instalment_goes_on_to_the_next_and_a_paid_plan_closes_the_case()
    {
        var plan = Decide("""{"option":"paymentPlan"}""");

        var kept = Simulate(Handlers(missed: false), plan, ["--advance", "P30D"], ["--advance", "P10D"]);
        Assert.True(kept.ExitCode == 2, kept.Describe());
        Assert.DoesNotContain("planDefaulted", kept.Activated);
        Assert.True(kept.Count("completed", "nextInstalment") >= 2, kept.Describe());

        var paid = Simulate(Handlers(planPaid: true), plan);
        Assert.True(paid.ExitCode == 0, paid.Describe());
        paid.AssertPathEndsWith("planPaidGateway", "closeRemediation", "remediationClosed");
    }

    [Fact]
    public void A_write_off_goes_to_the_approvers_the_matrix_names_and_a_rejection_comes_back_to_the_decision()
    {
        var writeOff = Decide("""{"option":"writeOff","reason":"insolvent"}""");

        var waiting = Simulate(Handlers(), writeOff);
        Assert.True(waiting.ExitCode == 2, waiting.Describe());
        Assert.Equal(["approveRemediationManager"], waiting.OpenTasks);

        var approved = Simulate(Handlers(), writeOff, Complete("approveRemediationManager", """{"decision":"approve"}""", "dan.manager"));
        Assert.True(approved.ExitCode == 0, approved.Describe());
        approved.AssertPathEndsWith("approvedOption", "writeOffDebt", "writtenOff");

        var rejected = Simulate(Handlers(), writeOff, Complete("approveRemediationManager", """{"decision":"reject"}""", "dan.manager"));
        Assert.True(rejected.ExitCode == 2, rejected.Describe());
        rejected.AssertPathEndsWith("remediationDecision", "remediationRejected");
        Assert.Equal(["decideRemediation"], rejected.OpenTasks);
    }

    [Fact]
    public void Legal_action_waits_for_its_outcome_and_a_recovery_closes_the_case()
    {
        var legal = Decide("""{"option":"legalAction"}""");

        var recovered = Simulate(Handlers(), legal, Complete("recordLegalOutcome", """{"option":"recovered","legalReference":"LAW-1"}""", Manager));
        Assert.True(recovered.ExitCode == 0, recovered.Describe());
        recovered.AssertPathContains("startLegalAction", "recordLegalOutcome", "assessRemediation", "optionGateway", "closeRemediation", "remediationClosed");
    }
}
