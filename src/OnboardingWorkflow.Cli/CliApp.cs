using OnboardingWorkflow.Cli.Commands;

namespace OnboardingWorkflow.Cli;

/// <summary>Entry point of the <c>owf</c> command line: picks a command by its first argument.</summary>
public static class CliApp
{
    /// <summary>Every command <c>owf</c> knows, in the order help lists them.</summary>
    public static IReadOnlyList<ICliCommand> Commands { get; } =
    [
        new ValidateCommand(),
        new SimulateCommand(),
        new BenchCommand(),
        new ScoreCommand(),
        new FitScorecardCommand(),
    ];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintHelp(stdout);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"owf: unknown command '{args[0]}'. Run 'owf --help' for the list.");
            return ExitCodes.Usage;
        }

        try
        {
            return command.Run(args[1..], stdout, stderr);
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"owf {command.Name}: {ex.Message}");
            stderr.WriteLine($"usage: owf {command.Usage}");
            return ExitCodes.Usage;
        }
    }

    private static void PrintHelp(TextWriter stdout)
    {
        stdout.WriteLine("owf: OnboardingWorkflow command line");
        stdout.WriteLine();
        foreach (var command in Commands)
        {
            stdout.WriteLine($"  owf {command.Usage}");
            stdout.WriteLine($"      {command.Summary}");
        }
    }
}
