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
                stdout.WriteLine($"{file}:0:0: error IO001: cannot read the file: {ex.Message}");
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
