using OnboardingWorkflow.Engine.Parsing;

namespace OnboardingWorkflow.Cli.Commands;

/// <summary><c>owf validate FILE...</c>: one line per problem; exit 1 when any file has an error.</summary>
public sealed class ValidateCommand : ICliCommand
{
    public string Name => "validate";
    public string Usage => "validate FILE...";
    public string Summary => "Checks BPMN files and prints FILE:LINE:COL: error CODE: message [elementId] per problem.";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            throw new UsageException("name at least one BPMN file");
        }

        var failed = false;
        foreach (var file in args)
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

            foreach (var diagnostic in diagnostics)
            {
                stdout.WriteLine(diagnostic.Format(file));
            }

            failed |= diagnostics.Any(d => d.IsError);
        }

        return failed ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
