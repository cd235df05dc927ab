using System.Text.Json;
using static OnboardingWorkflow.Cli.Tests.OnboardingFlowSimulation;

namespace OnboardingWorkflow.Cli.Tests;

/// <summary>
/// Drives <c>workflows/overdue-escalation.bpmn</c> through <c>owf simulate</c>: the path each level
/// takes, the follow-up tasks, the promise to pay (sent by the process to itself from a task's form)
/// with its timer, and the end when the overdue is cleared. Handlers are stand-ins.
/// </summary>
public sealed class OverdueEscalationFlowFacts
{
    private const string Customer = "C-1";

    // The simulated clock starts on 2026-01-05 at 09:00 UTC; the promise holds through 2026-01-15.
    private static readonly string[] Handlers =
    [
        "--handler", """sendDunningLetter={"letterSent":true}""",
        "--handler", """placeDunningHold={"holdPlaced":true}""",
        "--handler", """closeDunningCase={"caseClosed":true}""",
        "--handler", """recordPromiseToPay={"promisedUntil":"2026-01-16T00:00:00Z"}""",
        "--handler", """promiseBroken={"promiseBroken":true}""",
    ];

    private static OnboardingFlowResult Simulate(int level, params string[][] steps) =>
        Run(["simulate", EscalationFlowPath, "--business-key", Customer, "--started-by", "system",
            "--variables", JsonSerializer.Serialize(new { customerId = Customer, level, accountOwner = Maker }), .. Handlers, .. steps.SelectMany(s => s)]);

    /// <summary>The events the waiting case listens for, behind its event-based gateway.</summary>
    private static readonly string[] Awaiting = ["levelReached", "overdueCleared", "promiseReceived"];

    private static string[] Message(string name) => ["--message", $"{name}:{Customer}"];

    [Fact]
    public void Level_1_sends_the_reminder_and_waits_until_the_overdue_is_cleared()
    {
        var waiting = Simulate(1);
        Assert.True(waiting.ExitCode == 2, waiting.Describe());
        Assert.Equal(["overdueFound", "levelGateway", "sendReminder", "awaitMerge"], waiting.Completed);
        Assert.Equal(Awaiting, waiting.WaitingElements);
        Assert.Empty(waiting.OpenTasks);

        var cleared = Simulate(1, Message("overdueCleared"));
        Assert.True(cleared.ExitCode == 0, cleared.Describe());
        cleared.AssertPathEndsWith("overdueCleared", "closeCase", "caseClosed");
    }

    [Fact]
    public void Level_2_sends_the_formal_notice_and_gives_the_account_owner_a_call_task()
    {
        var run = Simulate(2);

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.Contains("sendFormalNotice", run.Completed);
        Assert.DoesNotContain("sendReminder", run.Activated);
        Assert.DoesNotContain("placeCreditHold", run.Activated);
        Assert.Equal(["callCustomer"], run.OpenTasks);
        Assert.Equal(["callCustomer", .. Awaiting], run.WaitingElements);
    }

    [Fact]
    public void Level_3_holds_the_account_and_a_promise_from_the_collection_task_pauses_until_its_day()
    {
        var promised = Complete("collectOverdue", """{"outcome":"promised","promisedDate":"2026-01-15","note":"pays on the 15th"}""", Manager);

        var paused = Simulate(3, promised);
        Assert.True(paused.ExitCode == 2, paused.Describe());
        Assert.Contains("placeCreditHold", paused.Completed);
        Assert.DoesNotContain("sendLegalHandOver", paused.Activated);
        paused.AssertPathContains("collectOverdue", "promiseGiven", "announcePromise", "followUpDone");
        paused.AssertPathEndsWith("promiseReceived", "recordPromise");
        Assert.Equal(["promiseDue", "clearedWhilePromised"], paused.WaitingElements.Order(StringComparer.Ordinal).Reverse());

        var broken = Simulate(3, promised, ["--advance", "P11D"]);
        Assert.True(broken.ExitCode == 2, broken.Describe());
        broken.AssertPathEndsWith("promiseDue", "promiseBroken", "awaitMerge");
        Assert.Equal(Awaiting, broken.WaitingElements);

        var kept = Simulate(3, promised, Message("overdueCleared"));
        Assert.True(kept.ExitCode == 0, kept.Describe());
        kept.AssertPathEndsWith("clearedWhilePromised", "closeCase", "caseClosed");
        Assert.DoesNotContain("promiseBroken", kept.Activated);
    }

    [Fact]
    public void Level_4_holds_the_account_sends_the_legal_notice_and_hands_over_to_the_credit_manager()
    {
        var run = Simulate(4);

        Assert.True(run.ExitCode == 2, run.Describe());
        run.AssertPathContains("placeCreditHold", "legalGateway", "sendLegalHandOver");
        Assert.Equal(["handOverToLegal"], run.OpenTasks);
        Assert.DoesNotContain("collectOverdue", run.Activated);

        var handedOver = Simulate(4, Complete("handOverToLegal", """{"legalReference":"LAW-2026-7"}""", Manager), Message("overdueCleared"));
        Assert.True(handedOver.ExitCode == 0, handedOver.Describe());
        Assert.Contains("handedOver", handedOver.Completed);
    }

    [Fact]
    public void Another_level_reached_escalates_again_from_the_waiting_case()
    {
        var run = Simulate(1, Message("dunningLevelReached"));

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.Equal(2, run.Count("completed", "levelGateway"));
        Assert.Equal(Awaiting, run.WaitingElements);
    }
}
