using System.Reflection;
using OnboardingWorkflow.Cli.Commands;
using OnboardingWorkflow.Cli.Commands.Inbox;

namespace OnboardingWorkflow.Cli;

/// <summary>
/// Entry point of the <c>owf</c> command line: picks a command by its first argument. Whatever
/// goes wrong ends as one line on stderr and an exit code (64 usage, 1 failure), never a stack
/// trace: the command line is used by people and scripts that cannot act on one.
/// </summary>
public static class CliApp
{
    /// <summary>Every command <c>owf</c> knows, in the order help lists them.</summary>
    public static IReadOnlyList<ICliCommand> Commands { get; } =
    [
        new ValidateCommand(),
        new SimulateCommand(),
        new BenchCommand(),
        new BenchInboxCommand(),
        new ScoreCommand(),
        new FitScorecardCommand(),
        new ImportCommand(),
    ];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintHelp(stdout);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        if (args[0] is "--version" or "-V" or "version")
        {
            stdout.WriteLine($"owf {Version}");
            return ExitCodes.Ok;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"owf: unknown command '{args[0]}'. Run 'owf --help' for the list.");
            return ExitCodes.Usage;
        }

        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            stdout.WriteLine($"usage: owf {command.Usage}");
            stdout.WriteLine($"  {command.Summary}");
            return ExitCodes.Ok;
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
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"owf {command.Name}: {OneLine(ex.Message)}");
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The last guard: an unforeseen failure is still reported, by type and message, on one line.
            stderr.WriteLine($"owf {command.Name}: failed ({ex.GetType().Name}): {OneLine(ex.Message)}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>The informational version of the tool, without build metadata.</summary>
    public static string Version
    {
        get
        {
            var assembly = typeof(CliApp).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
            var plus = version.IndexOf('+');
            return plus < 0 ? version : version[..plus];
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static void PrintHelp(TextWriter stdout)
    {
        stdout.WriteLine("owf: OnboardingWorkflow command line");
        stdout.WriteLine();
        stdout.WriteLine("  owf --version");
        stdout.WriteLine("      Prints the version.");
        foreach (var command in Commands)
        {
            stdout.WriteLine($"  owf {command.Usage}");
            stdout.WriteLine($"      {command.Summary}");
        }
    }
}
