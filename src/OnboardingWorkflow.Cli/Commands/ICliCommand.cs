namespace OnboardingWorkflow.Cli.Commands;

/// <summary>One sub-command of <c>owf</c>.</summary>
public interface ICliCommand
{
    string Name { get; }

    /// <summary>The synopsis shown in help and after a usage error, without the leading "owf ".</summary>
    string Usage { get; }

    string Summary { get; }

    /// <summary>Runs the command; throws <see cref="UsageException"/> for bad arguments.</summary>
    int Run(string[] args, TextWriter stdout, TextWriter stderr);
}
