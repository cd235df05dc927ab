using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace OnboardingWorkflow.Engine.Expressions;

/// <summary>
/// Evaluates expressions and scripts in a Jint sandbox: no CLR access, time, memory, statement
/// and recursion limits. Both run in strict mode on one reused engine per thread: they cannot
/// create globals (a script's declarations are local to the function it is wrapped in), and the
/// variables they were given are removed afterwards, so nothing leaks from one run to the next.
/// </summary>
public sealed class ScriptRuntime
{
    private readonly ScriptLimits _limits;
    private readonly ThreadLocal<Jint.Engine> _expressionEngine;

    public ScriptRuntime(ScriptLimits? limits = null)
    {
        _limits = limits ?? ScriptLimits.Default;
        _expressionEngine = new ThreadLocal<Jint.Engine>(CreateEngine);
    }

    /// <summary>Evaluates an attribute expression, condition or template.</summary>
    public object? Evaluate(Expression expression, IVariableReader variables)
    {
        if (expression.IsLiteral)
        {
            return expression.Text;
        }

        return Run(expression, variables, setVariable: null);
    }

    /// <summary>
    /// Runs a script body with the variables visible by name and <c>execution.setVariable</c> /
    /// <c>execution.getVariable</c>; returns the value of its last expression statement. Scripts
    /// run in strict mode: assigning an undeclared name is an error.
    /// </summary>
    public object? RunScript(Expression script, IVariableReader variables, Action<string, object?> setVariable) =>
        Run(script, variables, setVariable);

    private object? Run(Expression expression, IVariableReader variables, Action<string, object?>? setVariable)
    {
        EnsureParsed(expression);
        var engine = _expressionEngine.Value!;
        var names = expression.Identifiers;
        Span<bool> set = names.Count <= 64 ? stackalloc bool[names.Count] : new bool[names.Count];
        var withExecution = false;
        try
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (variables.TryGet(names[i], out var value))
                {
                    engine.SetValue(names[i], JsValues.ToJs(engine, value));
                    set[i] = true;
                }
                else if (setVariable is not null && names[i] == "execution")
                {
                    engine.SetValue("execution", CreateExecutionObject(engine, variables, setVariable));
                    withExecution = true;
                }
            }

            return JsValues.FromJs(Run(() => engine.Evaluate(expression.PreparedStrict!.Value)));
        }
        finally
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (set[i])
                {
                    engine.Global.Delete(names[i]);
                }
            }

            if (withExecution)
            {
                engine.Global.Delete("execution");
            }
        }
    }

    private static JsObject CreateExecutionObject(Jint.Engine engine, IVariableReader variables, Action<string, object?> setVariable)
    {
        var execution = new JsObject(engine);
        execution.FastSetDataProperty("setVariable", new ClrFunction(engine, "setVariable", (_, args) =>
        {
            var name = args.Length > 0 && args[0].IsString() ? args[0].AsString() : throw new JavaScriptException("setVariable needs a variable name");
            setVariable(name, JsValues.FromJs(args.Length > 1 ? args[1] : JsValue.Undefined));
            return JsValue.Undefined;
        }));
        execution.FastSetDataProperty("getVariable", new ClrFunction(engine, "getVariable", (_, args) =>
        {
            var name = args.Length > 0 ? args[0].ToString() : string.Empty;
            return variables.TryGet(name, out var value) ? JsValues.ToJs(engine, value) : JsValue.Undefined;
        }));
        return execution;
    }

    private static void EnsureParsed(Expression expression)
    {
        if (expression.ParseError is not null)
        {
            throw new ExpressionException($"The expression does not parse: {expression.ParseError}");
        }
    }

    private Jint.Engine CreateEngine() => new(options =>
    {
        options.Strict = true;
        options.Constraint(new DeadlineConstraint(_limits.Timeout));
        options.LimitMemory(_limits.MemoryBytes);
        options.LimitRecursion(_limits.RecursionDepth);
        options.MaxStatements(_limits.MaxStatements);
        options.Interop.Enabled = false;
    });

    private static JsValue Run(Func<JsValue> evaluate)
    {
        try
        {
            return evaluate();
        }
        catch (JavaScriptException ex)
        {
            throw new ExpressionException(ex.Message, ex)
            {
                NamesSomethingUndefined = ex.Error.IsObject() && ex.Error.AsObject().Get("name").ToString() == "ReferenceError",
            };
        }
        catch (TimeoutException ex)
        {
            throw new ExpressionException("The expression ran longer than its time limit.", ex);
        }
        catch (MemoryLimitExceededException ex)
        {
            throw new ExpressionException("The expression exceeded its memory limit.", ex);
        }
        catch (RecursionDepthOverflowException ex)
        {
            throw new ExpressionException("The expression exceeded its recursion limit.", ex);
        }
        catch (StatementsCountOverflowException ex)
        {
            throw new ExpressionException("The expression ran more statements than allowed.", ex);
        }
        catch (JintException ex)
        {
            throw new ExpressionException(ex.Message, ex);
        }
    }
}
