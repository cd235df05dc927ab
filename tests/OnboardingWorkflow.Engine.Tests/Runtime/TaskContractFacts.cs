using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class TaskContractFacts
{
    private static readonly Dictionary<string, object?> Valid = new()
    {
        ["requestedLimit"] = 250000.50m,
        ["employees"] = 12,
        ["comment"] = "all there",
        ["urgent"] = true,
        ["visitDate"] = "2026-06-30",
        ["riskClass"] = "low",
    };

    private static async Task<(EngineHarness Harness, ProcessInstance Instance)> StartAsync(EngineHarness? harness = null)
    {
        harness ??= new EngineHarness();
        await harness.DeployAsync("runtime/contracts.bpmn");
        var instance = await harness.StartAsync("contracts", new Dictionary<string, object?> { ["caseNumber"] = "C-1" });
        return (harness, instance);
    }

    private static Dictionary<string, object?> With(string name, object? value)
    {
        var variables = new Dictionary<string, object?>(Valid) { [name] = value };
        return variables;
    }

    private static async Task<TaskContractViolationException> RefusedAsync(EngineHarness harness, ProcessInstance instance, string elementId, Dictionary<string, object?> variables)
    {
        var before = InstanceJson.Serialize((await harness.ReloadAsync(instance))!);
        var historyBefore = harness.Events.Count;
        var error = await Assert.ThrowsAsync<TaskContractViolationException>(() => harness.CompleteAsync(instance, elementId, variables));

        // Nothing moved: the stored state, the open task and the history are exactly as before.
        Assert.Equal(before, InstanceJson.Serialize((await harness.ReloadAsync(instance))!));
        Assert.Equal(elementId, Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal(historyBefore, harness.Events.Count);
        Assert.Equal(elementId, error.ElementId);
        return error;
    }

    [Fact]
    public async Task ValidCompletion_SetsEachDeclaredValue_LongsAndDecimalsAsDecimal()
    {
        var (harness, instance) = await StartAsync();

        instance = await harness.CompleteAsync(instance, "collectDocuments", Valid);

        Assert.Equal("approve", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal(250000.50m, instance.Variables["requestedLimit"]);
        Assert.Equal(12m, instance.Variables["employees"]);
        Assert.Equal(("all there", true, "2026-06-30", "low"), (instance.Variables["comment"], instance.Variables["urgent"], instance.Variables["visitDate"], instance.Variables["riskClass"]));
    }

    [Fact]
    public async Task OptionalFieldsNotSent_AreSimplyNotSet()
    {
        var (harness, instance) = await StartAsync();

        instance = await harness.CompleteAsync(instance, "collectDocuments", new Dictionary<string, object?> { ["requestedLimit"] = 10m });

        Assert.False(instance.Variables.ContainsKey("comment"));
        Assert.False(instance.Variables.ContainsKey("employees"));
    }

    [Theory]
    [InlineData("employees", "many", "employees: must be a whole number within the range of a long")]
    [InlineData("employees", 1.5, "employees: must be a whole number within the range of a long")]
    [InlineData("employees", 1e19, "employees: must be a whole number within the range of a long")]
    [InlineData("employees", 0, "employees: must be at least 1 (was 0)")]
    [InlineData("employees", 100001, "employees: must be at most 100000 (was 100001)")]
    [InlineData("requestedLimit", "1000", "requestedLimit: must be a number within the range of a decimal")]
    [InlineData("requestedLimit", 1e40, "requestedLimit: must be a number within the range of a decimal")]
    [InlineData("requestedLimit", -0.01, "requestedLimit: must be at least 0 (was -0.01)")]
    [InlineData("requestedLimit", null, "requestedLimit: is required")]
    [InlineData("urgent", "true", "urgent: must be true or false")]
    [InlineData("comment", 42, "comment: must be a string")]
    [InlineData("comment", "x", "comment: must be at least 2 characters long")]
    [InlineData("comment", "far more than twenty characters", "comment: must be at most 20 characters long")]
    [InlineData("visitDate", "30.06.2026", "visitDate: must be a real date written as a string yyyy-MM-dd")]
    [InlineData("visitDate", "2026-02-30", "visitDate: must be a real date written as a string yyyy-MM-dd")]
    [InlineData("visitDate", "2025-12-31", "visitDate: must be at least 2026-01-01 (was 2025-12-31)")]
    [InlineData("visitDate", "2028-01-01", "visitDate: must be at most 2027-12-31 (was 2028-01-01)")]
    [InlineData("riskClass", "medium", "riskClass: must be one of low, high")]
    [InlineData("caseNumber", "C-2", "caseNumber: is set by the process and cannot be changed by a task")]
    [InlineData("siteVisitThreshold", 5000, "siteVisitThreshold: is not declared by task 'collectDocuments'")]
    public async Task BadValue_IsRefusedWithAMessageSayingWhatToFix_AndNothingChanges(string field, object? value, string message)
    {
        var (harness, instance) = await StartAsync();

        var error = await RefusedAsync(harness, instance, "collectDocuments", With(field, value));

        Assert.Equal([field], error.Errors.Keys);
        Assert.Equal([message], error.Errors[field]);
    }

    [Fact]
    public async Task RequiredFieldMissing_AndReadOnlyFieldSent_AreAllReportedAtOnce()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/contracts.bpmn");
        var instance = await harness.StartAsync("contracts");

        var error = await RefusedAsync(harness, instance, "collectDocuments", new Dictionary<string, object?> { ["caseNumber"] = "C-9", ["comment"] = "" });

        Assert.Equal(["caseNumber: is read-only in task 'collectDocuments' and must not be sent"], error.Errors["caseNumber"]);
        Assert.Equal(["requestedLimit: is required"], error.Errors["requestedLimit"]);
        Assert.Equal("comment: must be at least 2 characters long", Assert.Single(error.Errors["comment"]));
    }

    [Fact]
    public async Task CompletionLargerThanTheLimit_IsRefusedUnderTheVariablesKey()
    {
        var harness = new EngineHarness(maxCompletionBytes: 200);
        var (_, instance) = await StartAsync(harness);

        var error = await RefusedAsync(harness, instance, "collectDocuments", With("comment", new string('x', 300)));

        Assert.Contains(TaskContractViolationException.VariablesKey, error.Errors.Keys);
        Assert.Contains("at most 200", error.Errors[TaskContractViolationException.VariablesKey][0]);
    }

    [Fact]
    public async Task DefaultSizeLimit_Is64KiB()
    {
        Assert.Equal(64 * 1024, new WorkflowEngineOptions().MaxCompletionBytes);
        var (harness, instance) = await StartAsync();
        var variables = new Dictionary<string, object?> { ["requestedLimit"] = 1m, ["comment"] = new string('x', 70 * 1024) };

        var error = await RefusedAsync(harness, instance, "collectDocuments", variables);

        Assert.Contains(TaskContractViolationException.VariablesKey, error.Errors.Keys);
    }

    [Fact]
    public async Task VariableWrittenByAScript_IsProtected_EvenWhenTheContractDeclaresIt()
    {
        var (harness, instance) = await StartAsync();
        instance = await harness.CompleteAsync(instance, "collectDocuments", Valid);
        Assert.Equal(["caseNumber", "scoring"], instance.ProtectedVariables);

        var error = await RefusedAsync(harness, instance, "approve", new Dictionary<string, object?> { ["approvedLimit"] = 1m, ["scoring"] = 900 });

        Assert.Equal(["scoring: is set by the process and cannot be changed by a task"], error.Errors["scoring"]);
        Assert.Equal(712m, (await harness.ReloadAsync(instance)).Variables["scoring"]);
    }

    [Fact]
    public async Task ProtectedVariables_SurviveTheStateJson()
    {
        var (harness, instance) = await StartAsync();
        instance = await harness.CompleteAsync(instance, "collectDocuments", Valid);

        var restored = InstanceJson.Deserialize(InstanceJson.Serialize(instance));

        Assert.Equal(["caseNumber", "scoring"], restored.ProtectedVariables);
    }

    [Fact]
    public async Task VariableWrittenByAnEarlierCompletion_MayBeWrittenAgain()
    {
        var (harness, instance) = await StartAsync();
        instance = await harness.CompleteAsync(instance, "collectDocuments", Valid);

        Assert.DoesNotContain("requestedLimit", instance.ProtectedVariables);
        Assert.DoesNotContain("approvedLimit", instance.ProtectedVariables);
    }

    [Fact]
    public async Task TaskWithoutContract_AcceptsNoVariables_ButNullAndEmptyAreFine()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/parallel.bpmn");
        var instance = await harness.StartAsync("parallel");
        var task = (await harness.OpenTasksAsync(instance.Id)).First();

        var error = await Assert.ThrowsAsync<TaskContractViolationException>(() => harness.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["note"] = "hi" }));
        await harness.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?>());

        Assert.Equal(["note: is not declared by task '" + task.ElementId + "', which declares no form fields and accepts no variables"], error.Errors["note"]);
        Assert.Equal(UserTaskStatus.Completed, (await harness.Store.FindTaskAsync(task.Id))!.Status);
    }

    [Fact]
    public async Task TaskWithoutContract_AcceptsAnything_WhenUndeclaredVariablesAreAllowed()
    {
        var harness = new EngineHarness(allowUndeclaredVariables: true);
        await harness.DeployAsync("runtime/parallel.bpmn");
        var instance = await harness.StartAsync("parallel");
        var task = (await harness.OpenTasksAsync(instance.Id)).First();

        instance = await harness.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["note"] = "hi" });

        Assert.Equal("hi", instance.Variables["note"]);
    }
}
