using System.Text.Json;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class ExactMoneyFacts
{
    private const decimal Amount = 123456789.01m;

    private static async Task<(EngineHarness Harness, ProcessInstance Instance)> ApprovedAsync(decimal requested, decimal approved)
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/contracts.bpmn");
        var instance = await harness.StartAsync("contracts");
        instance = await harness.CompleteAsync(instance, "collectDocuments", new Dictionary<string, object?> { ["requestedLimit"] = requested });
        instance = await harness.CompleteAsync(instance, "approve", new Dictionary<string, object?> { ["approvedLimit"] = approved });
        return (harness, instance);
    }

    [Fact]
    public async Task DecimalAmount_SurvivesACompletion_Exactly()
    {
        var (harness, instance) = await ApprovedAsync(Amount, Amount);

        Assert.Equal(Amount, Assert.IsType<decimal>(instance.Variables["approvedLimit"]));
        Assert.Equal(Amount, Assert.IsType<decimal>((await harness.ReloadAsync(instance)).Variables["requestedLimit"]));
    }

    [Fact]
    public async Task DecimalAmount_SentAsJson_SurvivesACompletion_Exactly()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/contracts.bpmn");
        var instance = await harness.StartAsync("contracts");

        instance = await harness.CompleteAsync(instance, "collectDocuments", Variables.ParseObject("""{ "requestedLimit": 123456789.01 }"""));

        Assert.Equal(Amount, Assert.IsType<decimal>(instance.Variables["requestedLimit"]));
    }

    [Fact]
    public async Task DecimalAmount_SurvivesTheStateJson_Exactly()
    {
        var (_, instance) = await ApprovedAsync(Amount, Amount);

        var json = InstanceJson.Serialize(instance);
        var restored = InstanceJson.Deserialize(json);

        Assert.Contains("123456789.01", json);
        Assert.Equal(Amount, Assert.IsType<decimal>(restored.Variables["approvedLimit"]));
        Assert.Equal(json, InstanceJson.Serialize(restored));
    }

    [Theory]
    [InlineData("123456789.01", "123456789.01", "within")]
    [InlineData("123456789.02", "123456789.01", "within")]
    [InlineData("123456789.01", "123456789.02", "over")]
    [InlineData("0.30", "0.3", "within")]
    public async Task ExpressionComparison_OfTwoDecimals_IsExact(string requested, string approved, string end)
    {
        var (harness, instance) = await ApprovedAsync(decimal.Parse(requested, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(approved, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(end, harness.CompletedPath(instance.Id)[^1]);
    }

    [Theory]
    [InlineData("3", typeof(decimal))]
    [InlineData("123456789.01", typeof(decimal))]
    [InlineData("1e2", typeof(decimal))]
    [InlineData("1e40", typeof(double))]
    [InlineData("1e-40", typeof(double))]
    [InlineData("1.000000000000000000000000000001", typeof(double))]
    public void JsonNumber_IsDecimalExactlyWhenDecimalHoldsIt(string json, Type expected)
    {
        using var document = JsonDocument.Parse(json);

        var value = Variables.FromJson(document.RootElement);

        Assert.IsType(expected, value);
        Assert.Equal(double.Parse(json, System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ClrNumbers_Normalize_ToDecimal_AndScriptDoublesToTheirShortestDecimal()
    {
        Assert.Equal(42m, Variables.Normalize(42));
        Assert.Equal(42m, Variables.Normalize(42L));
        Assert.Equal(0.1m, Variables.Normalize(0.1d));
        Assert.Equal(0.30000000000000004m, Variables.Normalize(0.1d + 0.2d));
        Assert.IsType<double>(Variables.Normalize(double.MaxValue));
    }
}
