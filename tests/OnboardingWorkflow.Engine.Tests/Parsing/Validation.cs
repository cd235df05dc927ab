using OnboardingWorkflow.Engine.Parsing;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

/// <summary>Parses validation fixtures and picks diagnostics out of the result.</summary>
internal static class Validation
{
    private const string Header =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"defs\" targetNamespace=\"http://example.com/validation\">\n" +
        "<process id=\"inline\" isExecutable=\"true\">\n";

    public static BpmnDocument Fixture(string name) => BpmnParser.ParseFile(TestFiles.Bpmn("validation/" + name));

    /// <summary>Parses the body of one executable process; the body starts on line 3.</summary>
    public static BpmnDocument Process(string body) => BpmnParser.Parse(Header + body + "\n</process>\n</definitions>\n");

    /// <summary>The one diagnostic with this code, failing (with every diagnostic listed) when there is none or several.</summary>
    public static Diagnostic Single(BpmnDocument document, string code)
    {
        var matches = document.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(matches.Count == 1, $"Expected exactly one {code}; got:\n{Describe(document)}");
        return matches[0];
    }

    public static void At(Diagnostic diagnostic, int line, int column, string? elementId)
    {
        Assert.Equal((line, column, elementId), (diagnostic.Line, diagnostic.Column, diagnostic.ElementId));
    }

    public static IReadOnlyList<string> Codes(BpmnDocument document) => document.Diagnostics.Select(d => d.Code).ToList();

    public static string Describe(BpmnDocument document) =>
        document.Diagnostics.Count == 0 ? "(no diagnostics)" : string.Join("\n", document.Diagnostics.Select(d => d.Format("file")));
}
