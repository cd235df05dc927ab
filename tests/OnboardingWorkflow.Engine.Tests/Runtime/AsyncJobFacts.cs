using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

/// <summary>camunda:asyncAfter, and failing async jobs: rolled back, retried per their cycle, then an incident.</summary>
public sealed class AsyncJobFacts
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    // ---- asyncAfter

    [Fact]
    public async Task AsyncAfter_CommitsTheCompletedElement_AndLeavesItOnlyWhenTheJobRuns()
    {
        var harness = new EngineHarness(new HandlerRegistry().Register("setLimit", _ => { }));
        await harness.DeployAsync("runtime/async-after.bpmn");

        // The start event completed and was committed; leaving it waits for its job.
        var instance = await harness.StartAsync("asyncAfter", new { amount = 7000 });
        Assert.Equal(["start"], harness.CompletedPath(instance.Id));
        var job = Assert.Single(instance.Bookmarks);
        Assert.Equal((BookmarkKind.Job, "start", true, harness.Clock.GetUtcNow()), (job.Kind, job.ElementId, job.AfterElement, job.DueAt));
        Assert.Equal(("start", TokenState.Waiting), (Assert.Single(instance.Tokens).ElementId, instance.Tokens[0].State));
        Assert.Equal("async continuation after completion", harness.Events.Last(e => e.InstanceId == instance.Id).Detail);
        Assert.Empty(await harness.OpenTasksAsync(instance.Id));

        Assert.Equal(1, await harness.Engine.RunDueJobsAsync());
        instance = await harness.ReloadAsync(instance);
        Assert.Equal("review", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Contains(instance.Bookmarks, b => b.Kind == BookmarkKind.Timer && b.ElementId == "reviewLate");

        // The review completes in the completion's unit of work: its task and boundary timer are gone,
        // the token waits at the review for the job that takes its outgoing flows.
        instance = await harness.CompleteAsync(instance, "review", new { approved = true });
        Assert.Equal(["start", "review"], harness.CompletedPath(instance.Id));
        Assert.Empty(await harness.OpenTasksAsync(instance.Id));
        job = Assert.Single(instance.Bookmarks);
        Assert.Equal((BookmarkKind.Job, "review", true), (job.Kind, job.ElementId, job.AfterElement));
        Assert.Null(job.Flows);
        var stored = (await harness.Store.FindAsync(instance.Id))!;
        Assert.Equal(("review", TokenState.Waiting), (Assert.Single(stored.Tokens).ElementId, stored.Tokens[0].State));
        Assert.Equal(InstanceStatus.Waiting, stored.Status);

        Assert.Equal(2, await harness.Engine.RunDueJobsAsync()); // the review's job, then the gateway's
        instance = await harness.ReloadAsync(instance);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["start", "review", "book", "route", "largeLimit", "end"], harness.CompletedPath(instance.Id));
        Assert.Equal(0, harness.CountEvents(instance.Id, HistoryEventTypes.TimerFired, "reviewLate"));
    }

    [Fact]
    public async Task AsyncAfter_OnAGateway_CommitsItsChoice_AndItsJobTakesThatFlow()
    {
        var harness = new EngineHarness();
        var committed = new List<ProcessInstance>();
        harness.Handlers.Register("setLimit", async context => committed.Add((await harness.Store.FindAsync(context.InstanceId))!));
        await harness.DeployAsync("runtime/async-after.bpmn");
        var instance = await harness.StartAsync("asyncAfter", new { amount = 1000 });
        await harness.Engine.RunDueJobsAsync();
        await harness.CompleteAsync(instance, "review", new { approved = true });

        Assert.Equal(2, await harness.Engine.RunDueJobsAsync());

        // While the gateway's job runs, the store holds what the review's job committed: the gateway
        // completed, its choice (the default flow: the limit is 2000) kept on its job.
        var between = Assert.Single(committed);
        var job = Assert.Single(between.Bookmarks);
        Assert.Equal((BookmarkKind.Job, "route", true), (job.Kind, job.ElementId, job.AfterElement));
        Assert.Equal(["small"], job.Flows);
        Assert.Equal(2000m, between.Variables["limit"]);
        Assert.Equal(("route", TokenState.Waiting), (Assert.Single(between.Tokens).ElementId, between.Tokens[0].State));
        var route = harness.Events.Where(e => e.InstanceId == instance.Id && e.ElementId == "route").Select(e => (e.Event, e.Detail)).ToList();
        Assert.Equal([("activated", null), ("completed", null), ("waiting", "async continuation after completion")], route);
        Assert.Equal(["start", "review", "book", "route", "smallLimit", "end"], harness.CompletedPath(instance.Id));
    }

    [Fact]
    public async Task AsyncAfter_OutgoingConditionsRunInTheJob_SoOneThatFails_FailsTheJob_AndTheTaskStaysCompleted()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/async-after.bpmn");
        var instance = await harness.StartAsync("asyncAfter", new { amount = 1000 });
        await harness.Engine.RunDueJobsAsync();

        // No "approved": the completion itself is fine, the conditions are the job's work.
        instance = await harness.CompleteAsync(instance, "review");
        Assert.Equal(["start", "review"], harness.CompletedPath(instance.Id));
        await harness.Engine.RunDueJobsAsync();

        instance = await harness.ReloadAsync(instance);
        Assert.Empty(instance.Incidents);
        var job = Assert.Single(instance.Bookmarks);
        Assert.Equal(("review", true, 2, 1), (job.ElementId, job.AfterElement, job.Retries, job.FailedAttempts));
        Assert.Equal(harness.Clock.GetUtcNow().AddMinutes(5), job.DueAt); // the default cycle: three tries, five minutes apart
        Assert.StartsWith("ExpressionFailed: ", job.LastError);
        Assert.Contains("approved", job.LastError);
        var failed = Assert.Single(harness.Events, e => e.InstanceId == instance.Id && e.Event == HistoryEventTypes.JobFailed);
        Assert.Equal("review", failed.ElementId);
        Assert.StartsWith("attempt 1 of 3 failed, next try at 2026-03-02T08:05:00Z: ExpressionFailed: ", failed.Detail);
        Assert.Equal(["start", "review"], harness.CompletedPath(instance.Id));
        Assert.Empty(await harness.OpenTasksAsync(instance.Id));
    }

    [Fact]
    public async Task AsyncBeforeAndAfter_OnAnEventSubProcessStart_RunAsJobsOfTheTokenInIt()
    {
        var harness = new EngineHarness();
        var xml = TestFiles.ReadBpmn("runtime/event-subprocesses.bpmn")
            .Replace("<startEvent id=\"withdrawn\">", "<startEvent id=\"withdrawn\" camunda:asyncBefore=\"true\" camunda:asyncAfter=\"true\">");
        await harness.Engine.DeployAsync(xml);
        var instance = await harness.StartAsync("espMessages", businessKey: "APP-9");

        await harness.Engine.CorrelateMessageAsync("applicationWithdrawn", "APP-9");
        instance = await harness.ReloadAsync(instance);
        Assert.Empty(await harness.OpenTasksAsync(instance.Id));
        var job = Assert.Single(instance.Bookmarks);
        Assert.Equal((BookmarkKind.Job, "withdrawn", false), (job.Kind, job.ElementId, job.AfterElement));

        Assert.Equal(2, await harness.Engine.RunDueJobsAsync()); // before the start event, then after it
        instance = await harness.ReloadAsync(instance);
        Assert.Equal("closeFile", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Empty(instance.Incidents);
        Assert.DoesNotContain(instance.Bookmarks, b => b.Kind == BookmarkKind.Job);
    }

    // ---- retries

    [Fact]
    public async Task FailingScriptBehindAsyncBefore_IsTriedThreeTimesTenMinutesApart_KeepingNothingOfAFailedTry_ThenAnIncident()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/async-retry.bpmn");
        var t0 = harness.Clock.GetUtcNow();
        var instance = await harness.StartAsync("scriptRetry", new { amount = 250 });
        var revisionBefore = instance.Revision;

        // First try, at once: "prepare" runs and sets a variable, then "charge" throws. Rolled back.
        Assert.Equal(1, await harness.Engine.RunDueJobsAsync());
        instance = await harness.ReloadAsync(instance);
        AssertNothingOfTheTryKept(instance);
        var job = Assert.Single(instance.Bookmarks);
        Assert.Equal((BookmarkKind.Job, "prepare", false, 2, 1, t0.Add(TenMinutes)), (job.Kind, job.ElementId, job.AfterElement, job.Retries, job.FailedAttempts, job.DueAt));
        Assert.Equal(revisionBefore + 1, instance.Revision); // only the failure was committed
        Assert.Equal("ExpressionFailed: card declined for 250 (failed at 'charge')", job.LastError);

        // Not due yet: nothing runs.
        await harness.AdvanceAsync(TimeSpan.FromMinutes(9));
        Assert.Single(FailuresOf(harness, instance));

        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        instance = await harness.ReloadAsync(instance);
        AssertNothingOfTheTryKept(instance);
        Assert.Equal((1, 2, t0.AddMinutes(20)), (instance.Bookmarks[0].Retries, instance.Bookmarks[0].FailedAttempts, instance.Bookmarks[0].DueAt));

        await harness.AdvanceAsync(TenMinutes);
        instance = await harness.ReloadAsync(instance);

        var failures = FailuresOf(harness, instance);
        Assert.Equal([t0, t0.Add(TenMinutes), t0.AddMinutes(20)], failures.Select(e => e.Time));
        Assert.Equal(
        [
            "attempt 1 of 3 failed at 'charge', next try at 2026-03-02T08:10:00Z: ExpressionFailed: card declined for 250",
            "attempt 2 of 3 failed at 'charge', next try at 2026-03-02T08:20:00Z: ExpressionFailed: card declined for 250",
            "attempt 3 of 3 failed at 'charge', no tries left: ExpressionFailed: card declined for 250",
        ], failures.Select(e => e.Detail));
        Assert.All(failures, e => Assert.Equal("prepare", e.ElementId));

        // Spent: the incident is on the token, which still stands before "prepare"; the job stays, due never.
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal((IncidentCodes.ExpressionFailed, "prepare"), (incident.Code, incident.ElementId));
        Assert.Equal("card declined for 250 (failed at 'charge')", incident.Message);
        Assert.Equal(TokenState.Incident, Assert.Single(instance.Tokens).State);
        job = Assert.Single(instance.Bookmarks);
        Assert.Equal((0, 3, (DateTimeOffset?)null), (job.Retries, job.FailedAttempts, job.DueAt));
        Assert.DoesNotContain("prepared", instance.Variables.Keys);
        Assert.Equal(1, harness.CountEvents(instance.Id, HistoryEventTypes.Incident, "prepare"));
        Assert.DoesNotContain(harness.CompletedPath(instance.Id), e => e is "prepare" or "charge");

        await harness.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal(3, FailuresOf(harness, instance).Count);

        static void AssertNothingOfTheTryKept(ProcessInstance instance)
        {
            Assert.DoesNotContain("prepared", instance.Variables.Keys);
            Assert.DoesNotContain("charged", instance.Variables.Keys);
            Assert.Empty(instance.Incidents);
            var token = Assert.Single(instance.Tokens);
            Assert.Equal(("prepare", TokenState.Waiting, false), (token.ElementId, token.State, token.AsyncPassed));
            Assert.Equal(InstanceStatus.Waiting, instance.Status);
        }
    }

    [Fact]
    public async Task JobThatFailsOnce_SucceedsOnItsSecondTry_AndGoesOnNormally()
    {
        var calls = 0;
        var harness = new EngineHarness(new HandlerRegistry().Register("creditBureau", context =>
        {
            context.SetVariable("bureauCalls", ++calls);
            if (calls == 1)
            {
                throw new TimeoutException("the bureau did not answer");
            }

            context.Result = "A";
        }));
        await harness.DeployAsync("runtime/async-retry.bpmn");
        var instance = await harness.StartAsync("handlerRetry");

        await harness.Engine.RunDueJobsAsync();
        instance = await harness.ReloadAsync(instance);
        Assert.DoesNotContain("bureauCalls", instance.Variables.Keys);
        var failed = Assert.Single(FailuresOf(harness, instance));
        Assert.Equal("attempt 1 of 3 failed, next try at 2026-03-02T08:05:00Z: HandlerFailed: The handler 'creditBureau' failed: TimeoutException: the bureau did not answer", failed.Detail);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        instance = await harness.ReloadAsync(instance);

        Assert.Equal(2, calls);
        Assert.Equal(("A", 2m), (instance.Variables["rating"], instance.Variables["bureauCalls"]));
        Assert.Equal("assess", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        Assert.DoesNotContain(instance.Bookmarks, b => b.Kind == BookmarkKind.Job);
        Assert.Empty(instance.Incidents);
        Assert.Equal(["hStart", "bureau"], harness.CompletedPath(instance.Id));
        Assert.Single(FailuresOf(harness, instance));
    }

    [Fact]
    public async Task WithoutACycle_TheDefaultIsThreeTriesFiveMinutesApart()
    {
        var calls = new List<DateTimeOffset>();
        var harness = new EngineHarness(new HandlerRegistry());
        harness.Handlers.Register("creditBureau", context =>
        {
            calls.Add(context.Now);
            throw new InvalidOperationException("bureau down");
        });
        await harness.DeployAsync("runtime/async-retry.bpmn");
        var t0 = harness.Clock.GetUtcNow();
        var instance = await harness.StartAsync("handlerRetry");

        await harness.Engine.RunDueJobsAsync();
        for (var i = 0; i < 4; i++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        }

        instance = await harness.ReloadAsync(instance);
        Assert.Equal([t0, t0.AddMinutes(5), t0.AddMinutes(10)], calls);
        Assert.Equal(3, FailuresOf(harness, instance).Count);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal((IncidentCodes.HandlerFailed, "bureau"), (incident.Code, incident.ElementId));
        Assert.Equal("The handler 'creditBureau' failed: InvalidOperationException: bureau down", incident.Message);
    }

    [Fact]
    public async Task AListOfIntervals_WaitsEachInTurn_OneTryMoreThanIntervals()
    {
        var calls = new List<DateTimeOffset>();
        var harness = new EngineHarness(new HandlerRegistry().Register("mailer", context =>
        {
            calls.Add(context.Now);
            throw new IOException("SMTP refused");
        }));
        await harness.DeployAsync("runtime/async-retry.bpmn");
        var t0 = harness.Clock.GetUtcNow();
        var instance = await harness.StartAsync("intervalRetry");

        await harness.Engine.RunDueJobsAsync();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(4));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1)); // the last interval repeats: a third retry would be at +11 min
        await harness.AdvanceAsync(TimeSpan.FromHours(1));

        instance = await harness.ReloadAsync(instance);
        Assert.Equal([t0, t0.AddMinutes(1), t0.AddMinutes(6)], calls);
        Assert.Equal(["attempt 1 of 3", "attempt 2 of 3", "attempt 3 of 3"], FailuresOf(harness, instance).Select(e => e.Detail![..14]));
        Assert.Equal("notify", Assert.Single(instance.Incidents).ElementId);
    }

    [Fact]
    public async Task RetryAsync_AfterTheTriesAreSpent_RunsTheJobAtOnce_WithFreshRetries()
    {
        var bureauUp = false;
        var harness = new EngineHarness(new HandlerRegistry().Register("creditBureau", context =>
        {
            context.Result = bureauUp ? "B" : throw new InvalidOperationException("bureau down");
        }));
        await harness.DeployAsync("runtime/async-retry.bpmn");
        var instance = await harness.StartAsync("handlerRetry");
        await harness.Engine.RunDueJobsAsync();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        instance = await harness.ReloadAsync(instance);
        var spent = Assert.Single(instance.Incidents);

        // Still failing: the admin's retry is a first try again, and it is retried per the cycle; no new incident yet.
        instance = await harness.Engine.RetryAsync(instance.Id, spent.Id, "operator");
        Assert.Empty(instance.Incidents);
        var job = Assert.Single(instance.Bookmarks);
        Assert.Equal((2, 1, harness.Clock.GetUtcNow().AddMinutes(5)), (job.Retries, job.FailedAttempts, job.DueAt));
        var last = FailuresOf(harness, instance)[^1];
        Assert.Equal("operator", last.Actor);
        Assert.StartsWith("attempt 1 of 3 failed", last.Detail);
        Assert.Equal(1, harness.CountEvents(instance.Id, HistoryEventTypes.IncidentResolved, "bureau"));

        // Spent again, then the bureau is back: the retry runs it through at once.
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        instance = await harness.ReloadAsync(instance);
        Assert.Equal(6, FailuresOf(harness, instance).Count);
        bureauUp = true;
        instance = await harness.Engine.RetryAsync(instance.Id, Assert.Single(instance.Incidents).Id, "operator");

        Assert.Empty(instance.Incidents);
        Assert.Equal("B", instance.Variables["rating"]);
        Assert.Equal("assess", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal(6, FailuresOf(harness, instance).Count);
        Assert.Equal("operator", harness.Events.Single(e => e.InstanceId == instance.Id && e.Event == HistoryEventTypes.Completed && e.ElementId == "bureau").Actor);
    }

    [Fact]
    public async Task IncidentObserver_HearsOnlyOfTheSpentJob_NotOfEveryFailedTry()
    {
        var reports = new List<IncidentReport>();
        var harness = new EngineHarness(new HandlerRegistry().Register("mailer", _ => throw new IOException("SMTP refused")));
        var engine = new WorkflowEngine(new WorkflowEngineOptions
        {
            Instances = harness.Store, Definitions = harness.Definitions, Clock = harness.Clock, Handlers = harness.Handlers, IncidentObserver = reports.Add,
        });
        await harness.DeployAsync("runtime/async-retry.bpmn");
        var instance = await engine.StartAsync("intervalRetry");

        await engine.RunDueJobsAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await engine.RunDueJobsAsync();
        Assert.Empty(reports);
        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        await engine.RunDueJobsAsync();

        var report = Assert.Single(reports);
        Assert.Equal((instance.Id, "notify", IncidentCodes.HandlerFailed), (report.InstanceId, report.ElementId, report.Code));
        Assert.IsType<IOException>(report.Cause);
    }

    private static List<HistoryEvent> FailuresOf(EngineHarness harness, ProcessInstance instance) =>
        harness.Events.Where(e => e.InstanceId == instance.Id && e.Event == HistoryEventTypes.JobFailed).ToList();
}
