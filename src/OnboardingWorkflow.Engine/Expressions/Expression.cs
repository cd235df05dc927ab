using Jint;

namespace OnboardingWorkflow.Engine.Expressions;

/// <summary>How the text of an attribute or script is interpreted.</summary>
public enum ExpressionKind
{
    /// <summary>Plain text without <c>${...}</c>: the value is the text itself.</summary>
    Literal,

    /// <summary>Exactly one <c>${...}</c>: a JavaScript expression whose value keeps its type.</summary>
    Value,

    /// <summary>Text mixing literal parts and <c>${...}</c>: evaluates to a string.</summary>
    Template,

    /// <summary>A script body: statements whose completion value is the result.</summary>
    Script,
}

/// <summary>
/// A JavaScript expression or script of a definition, parsed once when the definition is loaded.
/// </summary>
public sealed class Expression
{
    private Expression(string text, ExpressionKind kind, string? source)
    {
        Text = text;
        Kind = kind;
        Source = source;
    }

    /// <summary>The text as written in the BPMN file.</summary>
    public string Text { get; }

    public ExpressionKind Kind { get; }

    /// <summary>The JavaScript that runs; null for literals.</summary>
    public string? Source { get; }

    /// <summary>Why the JavaScript does not parse; null when it does.</summary>
    public string? ParseError { get; private set; }

    internal Prepared<Acornima.Ast.Script>? Prepared { get; private set; }

    internal Prepared<Acornima.Ast.Script>? PreparedStrict { get; private set; }

    /// <summary>Identifiers the code mentions: the variables an evaluation must make visible.</summary>
    internal IReadOnlyList<string> Identifiers { get; private set; } = [];

    public bool IsLiteral => Kind == ExpressionKind.Literal;

    /// <summary>Parses attribute text: literal, one <c>${...}</c>, or a template.</summary>
    public static Expression FromAttribute(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.Contains("${", StringComparison.Ordinal) && !trimmed.Contains("#{", StringComparison.Ordinal))
        {
            return new Expression(text, ExpressionKind.Literal, null);
        }

        if (IsSingleWrapped(trimmed))
        {
            return Compile(new Expression(text, ExpressionKind.Value, trimmed[2..^1].Trim()));
        }

        return Compile(new Expression(text, ExpressionKind.Template, ToTemplateLiteral(trimmed)));
    }

    /// <summary>Parses a condition or other text that is always code, with or without the <c>${...}</c> wrapper.</summary>
    public static Expression FromCode(string text)
    {
        var trimmed = text.Trim();
        var source = IsSingleWrapped(trimmed) ? trimmed[2..^1].Trim() : trimmed;
        return Compile(new Expression(text, ExpressionKind.Value, source));
    }

    /// <summary>Parses a script task body.</summary>
    public static Expression FromScript(string text) => Compile(new Expression(text, ExpressionKind.Script, text));

    /// <summary>A literal value known at parse time.</summary>
    public static Expression Literal(string text) => new(text, ExpressionKind.Literal, null);

    private static bool IsSingleWrapped(string text)
    {
        if (text.Length < 3 || !(text.StartsWith("${", StringComparison.Ordinal) || text.StartsWith("#{", StringComparison.Ordinal)) || text[^1] != '}')
        {
            return false;
        }

        // "${a} and ${b}" starts and ends like one expression but is a template: the first
        // opening brace must close at the very end.
        var depth = 0;
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(text, i);
                continue;
            }

            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return i == text.Length - 1;
            }
        }

        return false;
    }

    private static int SkipString(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }

        return text.Length - 1;
    }

    private static string ToTemplateLiteral(string text)
    {
        var builder = new System.Text.StringBuilder("`");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '#' && i + 1 < text.Length && text[i + 1] == '{')
            {
                builder.Append('$');
                continue;
            }

            if (c is '`' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('`').ToString();
    }

    private static Expression Compile(Expression expression)
    {
        try
        {
            if (expression.Kind == ExpressionKind.Script)
            {
                var parsed = Jint.Engine.PrepareScript(expression.Source!, strict: false);
                expression.Prepared = parsed;
                expression.Identifiers = IdentifierCollector.Collect(parsed.Program!);
                expression.PreparedStrict = Jint.Engine.PrepareScript(WrapScript(expression.Source!, parsed.Program!), strict: true);
            }
            else
            {
                var source = "(" + expression.Source + "\n)";
                var parsed = Jint.Engine.PrepareScript(source, strict: false);
                if (parsed.Program!.Body is not [Acornima.Ast.ExpressionStatement])
                {
                    // "1); doSomething(" closes the wrapping parenthesis early and smuggles in statements.
                    expression.ParseError = "Expected a single expression, found statements.";
                    return expression;
                }

                expression.Prepared = parsed;
                expression.PreparedStrict = Jint.Engine.PrepareScript(source, strict: true);
                expression.Identifiers = IdentifierCollector.Collect(parsed.Program!);
            }
        }
        catch (Jint.ScriptPreparationException ex)
        {
            // Jint wraps the parser's error; a nesting too deep for the stack arrives the same way.
            expression.ParseError = ex.InnerException is InsufficientExecutionStackException
                ? "The expression is nested too deeply."
                : ex.InnerException?.Message ?? ex.Message;
        }
        catch (Exception ex) when (ex is Acornima.SyntaxErrorException or Acornima.ParseErrorException or ArgumentException or InsufficientExecutionStackException)
        {
            expression.ParseError = ex is InsufficientExecutionStackException ? "The expression is nested too deeply." : ex.Message;
        }

        return expression;
    }

    /// <summary>
    /// Turns a script into a strict function body whose last expression statement is returned, so
    /// its declarations stay local and one engine can run every script without them colliding.
    /// </summary>
    private static string WrapScript(string source, Acornima.Ast.Script program)
    {
        var body = source;
        if (program.Body.Count > 0 && program.Body[^1] is Acornima.Ast.ExpressionStatement last)
        {
            var start = last.Expression.Start;
            var end = last.Expression.End;
            body = source[..start] + "return (" + source[start..end] + "\n)" + source[end..];
        }

        return "(function () {\n'use strict';\n" + body + "\n})()";
    }

    public override string ToString() => Text;
}
