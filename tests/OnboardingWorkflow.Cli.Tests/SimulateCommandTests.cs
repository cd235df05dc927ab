namespace OnboardingWorkflow.Cli.Tests;

public sealed class SimulateCommandTests
{
    [Fact]
    public void CompletedInstance_PrintsEveryEventAsJson_AndExitsZero()
    {
        var run = CliRun.Of("simulate", CliRun.CliFixture("approval-contracts.bpmn"), "--variables", "{\"amount\":5000}",
            "--complete", "approveTier2First={\"firstSignature\":\"ana\"}", "--complete", "approveTier2Second");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["start", "score", "tierGateway", "approveTier2First", "approveTier2Second", "join", "end"], run.CompletedPath);
        var score = run.Events.Single(e => e.GetProperty("event").GetString() == "completed" && e.GetProperty("element").GetString() == "score");
        Assert.Equal("scriptTask", score.GetProperty("type").GetString());
        Assert.Equal(2, score.GetProperty("variables").GetProperty("score").GetDouble());
        Assert.Equal("completed", run.FinalState.GetProperty("state").GetString());
        Assert.Equal("ana", run.FinalState.GetProperty("variables").GetProperty("firstSignature").GetString());
    }

    [Fact]
    public void FailingJob_PrintsEachFailedTry_WaitsForItsNextTry_ThenExitsOneWithTheIncident()
    {
        var file = CliRun.EngineFixture("async-retry.bpmn");

        var retrying = CliRun.Of("simulate", file, "--process", "scriptRetry", "--variables", "{\"amount\":250}");
        var spent = CliRun.Of("simulate", file, "--process", "scriptRetry", "--variables", "{\"amount\":250}", "--advance", "PT10M", "--advance", "PT10M");

        Assert.Equal(2, retrying.ExitCode);
        var failed = Assert.Single(retrying.Events, e => e.GetProperty("event").GetString() == "jobFailed");
        Assert.Equal("prepare", failed.GetProperty("element").GetString());
        Assert.Equal("attempt 1 of 3 failed at 'charge', next try at 2026-01-05T09:10:00Z: ExpressionFailed: card declined for 250", failed.GetProperty("detail").GetString());
        var job = retrying.FinalState.GetProperty("waiting")[0];
        Assert.Equal(("Job", 1, 2), (job.GetProperty("kind").GetString(), job.GetProperty("failedAttempts").GetInt32(), job.GetProperty("retriesLeft").GetInt32()));
        Assert.Contains("card declined", job.GetProperty("lastError").GetString());
        Assert.Contains("the job at 'prepare' failed 1 time(s) and is tried again at 2026-01-05T09:10:00Z (2 tries left; --advance to run it)", retrying.Stderr);

        Assert.Equal(1, spent.ExitCode);
        Assert.Equal(3, spent.Events.Count(e => e.GetProperty("event").GetString() == "jobFailed"));
        var incident = spent.FinalState.GetProperty("incidents")[0];
        Assert.Equal(("prepare", "ExpressionFailed"), (incident.GetProperty("element").GetString(), incident.GetProperty("code").GetString()));
        Assert.DoesNotContain("tried again", spent.Stderr);
    }

    [Fact]
    public void AsyncAfter_RunsEachContinuationAsAJob_AndCompletes()
    {
        var run = CliRun.Of("simulate", CliRun.EngineFixture("async-after.bpmn"), "--variables", "{\"amount\":7000}", "--complete", "review={\"approved\":true}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["start", "review", "book", "route", "largeLimit", "end"], run.CompletedPath);
        Assert.Equal(3, run.Events.Count(e => e.GetProperty("event").GetString() == "waiting" && e.GetProperty("detail").GetString() == "async continuation after completion"));
    }

    [Fact]
    public void WaitingInstance_ExitsTwo_AndListsWhatItWaitsFor()
    {
        var run = CliRun.Of("simulate", CliRun.ReferenceFlow, "--variables", "{\"amount\":500}");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("waiting", run.FinalState.GetProperty("state").GetString());
        Assert.Equal("approveTier1", run.FinalState.GetProperty("openTasks")[0].GetString());
    }

    [Fact]
    public void CompletingATaskThatDoesNotWait_ExitsOne()
    {
        var run = CliRun.Of("simulate", CliRun.ReferenceFlow, "--variables", "{\"amount\":500}", "--complete", "approveTier2First");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no task 'approveTier2First' is waiting", run.Stderr);
    }

    [Fact]
    public void Advance_FiresTimersInOrder_WithoutSleeping()
    {
        var run = CliRun.Of("simulate", CliRun.EngineFixture("reminder-cycle.bpmn"), "--variables", "{\"maker\":\"sara\"}", "--advance", "P5D");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(3, run.CompletedPath.Count(e => e == "reminderSent"));
        Assert.Equal(3, run.Events.Count(e => e.GetProperty("event").GetString() == "timerFired"));
    }

    [Fact]
    public void Message_ResolvesTheEventBasedGateway()
    {
        var run = CliRun.Of("simulate", CliRun.EngineFixture("event-race.bpmn"), "--business-key", "APP-1",
            "--message", "documentsReceived:APP-1", "--complete", "review", "--advance", "P30D");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["start", "race", "docsArrived", "review", "end"], run.CompletedPath);
    }

    [Fact]
    public void LinkEvents_JumpToTheirCatch_AndFlowsWithoutIdsRun()
    {
        var linked = CliRun.Of("simulate", CliRun.EngineFixture("link-events.bpmn"),
            "--complete", "prepare", "--complete", "review={\"approved\":false}", "--complete", "prepare", "--complete", "review={\"approved\":true}");
        var unnamed = CliRun.Of("simulate", CliRun.EngineFixture("flows-without-ids.bpmn"), "--variables", "{\"amount\":3000}");

        Assert.Equal(0, linked.ExitCode);
        Assert.Equal(["goToRework", "reworkCaught"], linked.CompletedPath.Where(e => e is "goToRework" or "reworkCaught"));
        Assert.Equal("end", linked.CompletedPath[^1]);
        Assert.Equal(1, unnamed.ExitCode); // no condition of the gateway holds: an incident
        Assert.Contains("NoOutgoingFlow", unnamed.Stdout + unnamed.Stderr);
    }

    [Fact]
    public void Signal_ResumesTheWaitingInstance_AndAnUnheardOneIsSaid()
    {
        var heard = CliRun.Of("simulate", CliRun.EngineFixture("signals.bpmn"), "--process", "signalWaiter", "--signal", "ratesChanged", "--complete", "reprice");
        var unheard = CliRun.Of("simulate", CliRun.EngineFixture("signals.bpmn"), "--process", "signalWaiter", "--signal", "somethingElse");

        Assert.Equal(0, heard.ExitCode);
        // The file's signal-started process starts too, and its events are printed with the rest.
        Assert.Equal(["waiterStart", "waitRates", "onRates", "reprice", "waiterEnd"], heard.CompletedPath);
        Assert.Equal(2, unheard.ExitCode);
        Assert.Contains("nothing waits for the signal 'somethingElse'", unheard.Stderr);
    }

    [Fact]
    public void EventSubProcesses_RunOnAMessage_AndOnATimer()
    {
        var withdrawn = CliRun.Of("simulate", CliRun.EngineFixture("event-subprocesses.bpmn"), "--process", "espMessages", "--business-key", "APP-1",
            "--message", "applicationWithdrawn:APP-1", "--complete", "closeFile");
        var reminded = CliRun.Of("simulate", CliRun.EngineFixture("event-subprocesses.bpmn"), "--process", "espReminder",
            "--advance", "P1D", "--complete", "chase", "--complete", "review");

        Assert.Equal(0, withdrawn.ExitCode);
        Assert.Equal(["closeFile", "withdrawnEnd", "onWithdrawal"], withdrawn.CompletedPath.TakeLast(3));
        Assert.Contains(withdrawn.Events, e => e.GetProperty("event").GetString() == "cancelled" && e.GetProperty("element").GetString() == "assess");
        Assert.Equal(0, reminded.ExitCode);
        Assert.Equal(["chase", "chased", "reminders", "review", "end2"], reminded.CompletedPath.TakeLast(5));
    }

    [Fact]
    public void Compensation_RunsTheHandlersLastFirst_AndAUserTaskHandlerIsCompletedLikeAnyTask()
    {
        var waiting = CliRun.Of("simulate", CliRun.EngineFixture("compensation.bpmn"), "--process", "compensationEnd");
        var done = CliRun.Of("simulate", CliRun.EngineFixture("compensation.bpmn"), "--process", "compensationEnd", "--complete", "closeAccount");

        Assert.Equal(2, waiting.ExitCode);
        Assert.Equal("closeAccount", waiting.FinalState.GetProperty("openTasks")[0].GetString());
        Assert.Equal(0, done.ExitCode);
        Assert.Equal(["setLimit", "openAccount"],
            done.Events.Where(e => e.GetProperty("event").GetString() == "compensationThrown").Select(e => e.GetProperty("element").GetString()));
        Assert.Equal(["resetLimit", "closeAccount", "undoAll"], done.CompletedPath.TakeLast(3));
    }

    [Fact]
    public void Transaction_CancelEndEvent_UndoesWhatCompleted_AndLeavesByTheCancelBoundary()
    {
        var run = CliRun.Of("simulate", CliRun.EngineFixture("transactions.bpmn"),
            "--complete", "check={\"approved\":false}", "--complete", "releaseFunds", "--complete", "explainCancellation");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.Events, e => e.GetProperty("event").GetString() == "transactionCancelled" && e.GetProperty("element").GetString() == "pay");
        Assert.Contains(run.Events, e => e.GetProperty("event").GetString() == "cancelled" && e.GetProperty("element").GetString() == "notifyCustomer");
        Assert.Equal(["reverseLedger", "releaseFunds", "drawdownCancelled", "explainCancellation", "cancelledEnd"], run.CompletedPath.TakeLast(5));
    }

    [Fact]
    public void Trigger_MovesAReceiveTaskWithoutAMessageOn_AndOneThatDoesNotWaitIsAnError()
    {
        var triggered = CliRun.Of("simulate", CliRun.EngineFixture("receive-trigger.bpmn"), "--business-key", "ORD-1",
            "--trigger", "awaitDelivery", "--message", "invoicePaid:ORD-1");
        var wrong = CliRun.Of("simulate", CliRun.EngineFixture("receive-trigger.bpmn"), "--trigger", "awaitPayment");

        Assert.Equal(0, triggered.ExitCode);
        Assert.Equal(["start", "awaitDelivery", "awaitPayment", "end"], triggered.CompletedPath);
        Assert.Contains(triggered.Events, e => e.GetProperty("event").GetString() == "triggered");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("'awaitPayment' of process 'receiveTrigger' is not a receive task without a message", wrong.Stderr);
    }

    [Fact]
    public void CommitteeOfThree_CompletesAfterTwoVotes()
    {
        var run = CliRun.Of("simulate", CliRun.EngineFixture("committee.bpmn"), "--variables", "{\"committee\":[\"ana\",\"ben\",\"chen\"]}",
            "--complete", "vote={\"vote\":\"approve\"}", "--complete", "vote={\"vote\":\"reject\"}");

        Assert.Equal(0, run.ExitCode);
        // Two votes complete as items, then the multi-instance activity completes as a whole.
        Assert.Equal(3, run.CompletedPath.Count(e => e == "vote"));
        Assert.Equal(["vote", "record", "end"], run.CompletedPath.TakeLast(3));
        Assert.Single(run.Events, e => e.GetProperty("event").GetString() == "cancelled" && e.GetProperty("element").GetString() == "vote");
    }

    [Fact]
    public void HandlerError_TakesTheErrorBoundary()
    {
        var run = CliRun.Of("simulate", CliRun.EngineFixture("service-errors.bpmn"), "--handler-error", "creditBureau=DECLINED");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("manualReview", run.FinalState.GetProperty("openTasks")[0].GetString());
    }

    [Fact]
    public void HandlerResult_SetsVariables()
    {
        var run = CliRun.Of("simulate", CliRun.EngineFixture("service-errors.bpmn"), "--handler", "creditBureau={\"rating\":\"A\"}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("A", run.FinalState.GetProperty("variables").GetProperty("rating").GetString());
    }

    [Fact]
    public void Incident_ExitsOne_AndNamesTheElement()
    {
        var run = CliRun.Of("simulate", CliRun.EngineFixture("sandbox.bpmn"), "--variables", "{\"mode\":\"clr\"}");

        Assert.Equal(1, run.ExitCode);
        var incident = run.FinalState.GetProperty("incidents")[0];
        Assert.Equal("clr", incident.GetProperty("element").GetString());
        Assert.Equal("ExpressionFailed", incident.GetProperty("code").GetString());
    }

    [Fact]
    public void InvalidBpmn_ExitsOne_WithDiagnostics()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.bpmn");
        File.WriteAllText(path, File.ReadAllText(CliRun.ReferenceFlow).Replace("targetRef=\"end\"", "targetRef=\"nowhere\""));
        try
        {
            var run = CliRun.Of("simulate", path);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("error BPMN021", run.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Help_DescribesHowToNameThePeople()
    {
        var run = CliRun.Of("simulate", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("[--started-by USER] [[--as USER] --complete TASK_ID=JSON]...", run.Stdout);
        Assert.Contains("--as the person who makes the next --complete", run.Stdout);
    }

    [Fact]
    public void As_NamesTheActorOfTheNextCompletionOnly()
    {
        var run = CliRun.Of("simulate", CliRun.CliFixture("approval-contracts.bpmn"), "--variables", "{\"amount\":5000}",
            "--as", "ana", "--complete", "approveTier2First={\"firstSignature\":\"ana\"}", "--complete", "approveTier2Second");

        Assert.Equal(0, run.ExitCode);
        var actors = run.Events.Where(e => e.GetProperty("event").GetString() == "completed" && e.GetProperty("element").GetString()!.StartsWith("approveTier2", StringComparison.Ordinal))
            .Select(e => e.GetProperty("actor").GetString()).ToList();
        Assert.Equal(["ana", "simulator"], actors);
    }

    [Theory]
    [InlineData("--as", "ana")]
    [InlineData("--as", " ")]
    [InlineData("--started-by", "")]
    public void As_WithoutACompletionOrAName_IsAUsageError(string option, string value)
    {
        var run = CliRun.Of("simulate", CliRun.ReferenceFlow, option, value);

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("usage: owf simulate", run.Stderr);
    }

    [Theory]
    [InlineData("--variables", "{not json")]
    [InlineData("--advance", "three days")]
    [InlineData("--bogus", "x")]
    public void BadArguments_AreUsageErrors(string option, string value)
    {
        var run = CliRun.Of("simulate", CliRun.ReferenceFlow, option, value);

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("usage: owf simulate", run.Stderr);
    }
}
