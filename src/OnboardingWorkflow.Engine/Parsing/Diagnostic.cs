namespace OnboardingWorkflow.Engine.Parsing;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>One problem found in a BPMN file, with its place and a stable code.</summary>
public sealed record Diagnostic(string Code, Severity Severity, string Message, int Line, int Column, string? ElementId)
{
    public bool IsError => Severity == Severity.Error;

    /// <summary>The compiler-style line: <c>FILE:LINE:COL: error CODE: message [elementId]</c>.</summary>
    public string Format(string file)
    {
        var level = Severity == Severity.Error ? "error" : "warning";
        var element = ElementId is null ? string.Empty : $" [{ElementId}]";
        return $"{file}:{Line}:{Column}: {level} {Code}: {Message}{element}";
    }
}
