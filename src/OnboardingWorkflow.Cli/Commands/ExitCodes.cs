namespace OnboardingWorkflow.Cli.Commands;

/// <summary>Process exit codes shared by all commands.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Waiting = 2;

    /// <summary>An import whose server refused some rows; the others were saved.</summary>
    public const int Refused = 2;
    public const int Usage = 64;
}
