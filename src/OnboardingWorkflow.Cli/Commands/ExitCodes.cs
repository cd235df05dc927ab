namespace OnboardingWorkflow.Cli.Commands;

/// <summary>Process exit codes shared by all commands.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Waiting = 2;
    public const int Usage = 64;
}
