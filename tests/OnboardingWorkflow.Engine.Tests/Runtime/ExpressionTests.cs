using OnboardingWorkflow.Engine.Expressions;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class ExpressionTests
{
    private sealed class Vars(Dictionary<string, object?> values) : IVariableReader
    {
        public bool TryGet(string name, out object? value) => values.TryGetValue(name, out value);
    }

    private static readonly ScriptRuntime Runtime = new();

    private static object? Eval(string attribute, Dictionary<string, object?>? variables = null) =>
        Runtime.Evaluate(Expression.FromAttribute(attribute), new Vars(variables ?? []));

    [Fact]
    public void Value_KeepsItsType()
    {
        var result = Eval("${ { limit: amount * 2, tags: ['a', flag] } }", new() { ["amount"] = 21d, ["flag"] = true });

        var map = Assert.IsType<Dictionary<string, object?>>(result);
        Assert.Equal(42m, map["limit"]);
        Assert.Equal(new List<object?> { "a", true }, map["tags"]);
    }

    [Fact]
    public void Template_MixesTextAndExpressions()
    {
        Assert.Equal("Review Acme (tier 2)", Eval("Review ${name} (tier ${tier + 1})", new() { ["name"] = "Acme", ["tier"] = 1m }));
    }

    [Fact]
    public void Literal_IsReturnedAsText() => Assert.Equal("CreditAnalyst", Eval("CreditAnalyst"));

    [Fact]
    public void NestedBraces_InsideOneExpression_AreOneValue()
    {
        Assert.Equal(3m, Eval("${ [1, 2, 3].filter(function (x) { return x > 0; }).length }"));
    }

    [Fact]
    public void VariablesOfOneEvaluation_DoNotLeakIntoTheNext()
    {
        Assert.Equal(5m, Eval("${amount}", new() { ["amount"] = 5m }));

        var error = Assert.Throws<ExpressionException>(() => Eval("${amount}"));

        Assert.Contains("amount is not defined", error.Message);
    }

    [Fact]
    public void Script_ReturnsItsLastExpression_AndKeepsDeclarationsLocal()
    {
        var script = Expression.FromScript("const base = amount / 10;\nlet bonus = 2;\nbase + bonus;");
        var written = new Dictionary<string, object?>();

        var first = Runtime.RunScript(script, new Vars(new() { ["amount"] = 100d }), (k, v) => written[k] = v);
        var second = Runtime.RunScript(script, new Vars(new() { ["amount"] = 50d }), (k, v) => written[k] = v);

        Assert.Equal((12m, 7m), (first, second));
    }

    [Fact]
    public void Script_SetsVariablesThroughExecution()
    {
        var script = Expression.FromScript("execution.setVariable('grade', execution.getVariable('score') > 700 ? 'A' : 'B');");
        var written = new Dictionary<string, object?>();

        Runtime.RunScript(script, new Vars(new() { ["score"] = 720d }), (k, v) => written[k] = v);

        Assert.Equal("A", written["grade"]);
    }

    [Fact]
    public void SyntaxError_IsReportedAtParseTime()
    {
        var expression = Expression.FromAttribute("${amount >}");

        Assert.NotNull(expression.ParseError);
        Assert.Throws<ExpressionException>(() => Runtime.Evaluate(expression, new Vars([])));
    }

    [Fact]
    public void TimeLimit_StopsLongRunningScripts()
    {
        var runtime = new ScriptRuntime(new ScriptLimits { Timeout = TimeSpan.FromMilliseconds(50), MaxStatements = int.MaxValue });
        var script = Expression.FromScript("var x = 0; while (true) { x++; }");

        var error = Assert.Throws<ExpressionException>(() => runtime.RunScript(script, new Vars([]), (_, _) => { }));

        Assert.Contains("time limit", error.Message);
    }
}
