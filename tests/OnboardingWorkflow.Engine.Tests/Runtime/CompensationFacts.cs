using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class CompensationFacts
{
    private static async Task<EngineHarness> DeployedAsync()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/compensation.bpmn");
        return harness;
    }

    private static async Task<IReadOnlyList<string>> OpenAsync(EngineHarness harness, ProcessInstance instance) =>
        (await harness.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order(StringComparer.Ordinal).ToList();

    /// <summary>The compensated activities, in the order their compensation started.</summary>
    private static IReadOnlyList<string> Compensated(EngineHarness harness, ProcessInstance instance) =>
        harness.Events.Where(e => e.InstanceId == instance.Id && e.Event == HistoryEventTypes.CompensationThrown).Select(e => e.ElementId).ToList();

    [Fact]
    public async Task ThrowWithoutActivityRef_UndoesTheCompletedActivities_LastFirst_AndNotTheOneStillRunning()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("compensateAll");
        Assert.Equal(["decide", "reserveCar"], await OpenAsync(harness, instance));

        instance = await harness.CompleteAsync(instance, "decide", new { cancel = true, reason = "strike" });

        Assert.Equal(["bookFlight", "bookHotel"], Compensated(harness, instance));
        Assert.Equal(["undoFlight", "undoHotel", "undoTrip", "undone"], harness.CompletedPath(instance.Id).TakeLast(4));
        Assert.DoesNotContain("cancelCar", harness.CompletedPath(instance.Id));
        // The handler saw the variables as they are now: the reason given with the decision.
        Assert.Equal("released: strike", instance.Variables["hotel"]);
        Assert.Equal("handler undoHotel", harness.Events.Single(e => e.Event == HistoryEventTypes.CompensationThrown && e.ElementId == "bookHotel").Detail);
        Assert.Equal(["reserveCar"], await OpenAsync(harness, instance));
        Assert.Null(instance.RootScope.Compensations);
    }

    [Fact]
    public async Task NothingIsCompensated_WhenNoCompensationIsThrown_ButWhatCompletedIsRemembered()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("compensateAll");

        instance = await harness.CompleteAsync(instance, "decide", new { cancel = false });

        Assert.Empty(Compensated(harness, instance));
        Assert.Equal(["bookHotel", "bookFlight"], instance.RootScope.Compensations!.Select(r => r.ElementId));
        instance = await harness.CompleteAsync(instance, "reserveCar");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public async Task ThrowWithActivityRef_UndoesOnlyThatActivity_AndAnUndoneActivityIsNotUndoneAgain()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("compensateOne");

        Assert.Equal(["chargeFee"], Compensated(harness, instance));
        Assert.Contains("refundFee", harness.CompletedPath(instance.Id));
        Assert.DoesNotContain("retractWelcome", harness.CompletedPath(instance.Id));
        Assert.Equal(["sendWelcome"], instance.RootScope.Compensations!.Select(r => r.ElementId));

        instance = await harness.CompleteAsync(instance, "check");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["chargeFee", "sendWelcome"], Compensated(harness, instance));
        Assert.Single(harness.CompletedPath(instance.Id), "refundFee");
        Assert.Equal(["retractWelcome", "undoRest"], harness.CompletedPath(instance.Id).TakeLast(2));
    }

    [Fact]
    public async Task CompensationEndEvent_WaitsForAUserTaskHandler_AfterTheLaterHandlerRan()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("compensationEnd");

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(["closeAccount"], await OpenAsync(harness, instance));
        Assert.Equal(["setLimit", "openAccount"], Compensated(harness, instance));
        Assert.Equal(0m, instance.Variables["limit"]);
        Assert.DoesNotContain("undoAll", harness.CompletedPath(instance.Id));

        instance = await harness.CompleteAsync(instance, "closeAccount");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["resetLimit", "closeAccount", "undoAll"], harness.CompletedPath(instance.Id).TakeLast(3));
    }

    [Fact]
    public async Task WaitForCompletion_HoldsThePathUntilTheHandlerFinished()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("throwWaits");

        Assert.Equal(["closeAccount4"], await OpenAsync(harness, instance));

        instance = await harness.CompleteAsync(instance, "closeAccount4");

        Assert.Equal(["notify4"], await OpenAsync(harness, instance));
        Assert.Equal(["closeAccount4", "undo4"], harness.CompletedPath(instance.Id).TakeLast(2));
    }

    [Fact]
    public async Task WaitForCompletionFalse_GoesOnAtOnce_AndTheProcessEndsOnlyAfterTheHandler()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("throwGoesOn");

        Assert.Equal(["closeAccount5", "notify5"], await OpenAsync(harness, instance));

        instance = await harness.CompleteAsync(instance, "notify5");
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        instance = await harness.CompleteAsync(instance, "closeAccount5");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.Tokens);
    }

    [Fact]
    public async Task ThrownInsideASubProcess_UndoesItsActivities_AndTheSubProcessThenCompletesWithNothingLeftToUndo()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("subProcessCompensation", new { rollBackEarly = true });

        Assert.Equal(["grantLimit", "createCustomer"], Compensated(harness, instance));
        // The customer's handler is a sub-process: it runs to its end before the throw event goes on.
        Assert.Equal(["revokeLimit", "deleteStart", "eraseRecords", "deleted", "deleteCustomer", "insideThrow", "rolledBack", "onboard"],
            harness.CompletedPath(instance.Id).TakeLast(8));
        Assert.Null(instance.RootScope.Compensations);

        instance = await harness.CompleteAsync(instance, "review", new { reject = true });

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(2, Compensated(harness, instance).Count);
    }

    [Fact]
    public async Task CompletedSubProcess_IsCompensatedFromOutside_ThroughItsInnerHandlers_LastFirst()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("subProcessCompensation", new { rollBackEarly = false });
        var remembered = Assert.Single(instance.RootScope.Compensations!);
        Assert.Equal("onboard", remembered.ElementId);
        Assert.Equal(["createCustomer", "grantLimit"], remembered.Inner!.Select(r => r.ElementId));

        instance = await harness.CompleteAsync(instance, "review", new { reject = true });

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["onboard", "grantLimit", "createCustomer"], Compensated(harness, instance));
        Assert.Equal(["revokeLimit", "eraseRecords", "deleteCustomer", "undoOnboarding"],
            harness.CompletedPath(instance.Id).Where(e => e is "revokeLimit" or "eraseRecords" or "deleteCustomer" or "undoOnboarding"));
        Assert.Single(instance.Scopes);
    }

    [Fact]
    public async Task CompensationGoesDownThroughNestedCompletedSubProcesses_LastCompletedFirstAtEachLevel()
    {
        var harness = await DeployedAsync();

        var instance = await harness.StartAsync("nestedCompensation");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["outer", "inner", "stepTwo", "stepOne"], Compensated(harness, instance));
        Assert.Equal(["undoTwo", "undoOne", "undoEverything"], harness.CompletedPath(instance.Id).TakeLast(3));
        Assert.Single(instance.Scopes);
    }

    [Fact]
    public async Task EachCompletedMultiInstanceItem_IsCompensated_LastFirst_SeeingItsOwnElementVariable()
    {
        var harness = await DeployedAsync();

        var instance = await harness.StartAsync("multiInstanceCompensation", new { accounts = new[] { "A-1", "A-2", "A-3" }, closed = Array.Empty<string>() });

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["A-3", "A-2", "A-1"], (List<object?>)instance.Variables["closed"]!);
        Assert.Equal(3, harness.CountEvents(instance.Id, HistoryEventTypes.CompensationThrown, "openOne"));
    }

    [Fact]
    public async Task ActivityCompletedOnEachTurnOfALoop_IsCompensatedOnceForEachTurn_LastTurnFirst()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("loopCompensation");

        instance = await harness.CompleteAsync(instance, "again", new { repeat = true });
        instance = await harness.CompleteAsync(instance, "again", new { repeat = false });

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["undoB", "undoA", "undoB", "undoA"], harness.CompletedPath(instance.Id).Where(e => e.StartsWith("undo", StringComparison.Ordinal) && e != "undoLoop"));
        Assert.Equal(["stepB", "stepA", "stepB", "stepA"], Compensated(harness, instance));
    }

    [Fact]
    public async Task AWaitInAHandler_SurvivesSavingTheInstanceAsJson()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("compensationEnd");

        var copy = InstanceJson.Deserialize(InstanceJson.Serialize(instance));

        var runner = Assert.Single(copy.Tokens, t => t.ElementId == "undoAll");
        Assert.NotNull(runner.Compensating);
        var handler = Assert.Single(copy.Tokens, t => t.ElementId == "closeAccount");
        Assert.Equal(runner.Id, handler.CompensationFor);
        Assert.Equal(InstanceJson.Serialize(instance), InstanceJson.Serialize(copy));
    }

    [Fact]
    public async Task CompensationThrownInAnEventSubProcess_UndoesTheActivitiesOfTheScopeAroundIt()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("compensateFromEventSubProcess");

        instance = await harness.CompleteAsync(instance, "verify", new { failed = true });

        Assert.Equal(["reserve"], Compensated(harness, instance));
        Assert.Equal(["release", "undoWork", "handled", "onFailure", "work"], harness.CompletedPath(instance.Id).TakeLast(5));
        Assert.Equal(["archive"], await OpenAsync(harness, instance));
    }

    [Fact]
    public async Task Migration_KeepsWhatCanBeCompensatedUnderItsNewId_AndRefusesToLoseAHandler()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("compensateAll");
        var xml = TestFiles.ReadBpmn("runtime/compensation.bpmn");
        await harness.Engine.DeployAsync(xml.Replace("bookHotel", "reserveHotel", StringComparison.Ordinal));
        var withoutFlightHandler = string.Join("\n", xml.Split('\n').Where(line => !line.Contains("flightBooked", StringComparison.Ordinal) && !line.Contains("id=\"undoFlight\"", StringComparison.Ordinal)));
        await harness.Engine.DeployAsync(withoutFlightHandler);

        var refused = await harness.Engine.CheckMigrationAsync(instance, 3, new Dictionary<string, string>());
        instance = await harness.Engine.MigrateAsync(instance.Id, 2, new Dictionary<string, string> { ["bookHotel"] = "reserveHotel" }, "admin");
        instance = await harness.CompleteAsync(instance, "decide", new { cancel = true, reason = "moved" });

        Assert.False(refused.CanMigrate);
        Assert.Contains(refused.Reasons, r => r.Contains("'bookFlight' completed and can still be compensated", StringComparison.Ordinal));
        Assert.Equal(["bookFlight", "reserveHotel"], Compensated(harness, instance));
        Assert.Equal("released: moved", instance.Variables["hotel"]);
    }
}
