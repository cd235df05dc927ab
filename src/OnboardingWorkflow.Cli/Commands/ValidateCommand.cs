using OnboardingWorkflow.Engine.Parsing;

namespace OnboardingWorkflow.Cli.Commands;

/// <summary>
/// <c>owf validate FILE...</c>: one line per problem; exit 1 when any file has an error.
/// <c>--allow-undeclared</c> accepts user tasks without a contract (legacy models), as
/// <c>owf simulate --allow-undeclared</c> runs them, so their warnings are not shown.
/// </summary>
public sealed class ValidateCommand : ICliCommand
{
    public string Name => "validate";
    public string Usage => "validate FILE... [--allow-undeclared]";
    public string Summary => "Checks BPMN files and prints FILE:LINE:COL: error CODE: message [elementId] per problem.";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var allowUndeclared = args.Contains("--allow-undeclared");
        var files = args.Where(a => a != "--allow-undeclared").ToList();
        if (files.FirstOrDefault(a => a.StartsWith('-') && a.Length > 1) is { } option)
        {
            throw new UsageException($"unknown option '{option}'");
        }

        if (files.Count == 0)
        {
            throw new UsageException("name at least one BPMN file");
        }

        var failed = false;
        foreach (var file in files)
        {
            IReadOnlyList<Diagnostic> diagnostics;
            try
            {
                diagnostics = BpmnParser.Parse(BpmnParser.ReadText(file)).Diagnostics;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var unreadable = new Diagnostic(DiagnosticCodes.Unreadable, Severity.Error, $"Cannot read the file: {ex.Message}", 1, 1, null);
                stdout.WriteLine(unreadable.Format(file));
                failed = true;
                continue;
            }

            foreach (var diagnostic in diagnostics.Where(d => !(allowUndeclared && d.Code == DiagnosticCodes.MissingContract)))
            {
                stdout.WriteLine(diagnostic.Format(file));
            }

            failed |= diagnostics.Any(d => d.IsError);
        }

        return failed ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
