namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>Stops the current element with an incident of the given code; internal to the execution loop.</summary>
internal sealed class IncidentException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The stable incident codes.</summary>
public static class IncidentCodes
{
    public const string ExpressionFailed = "ExpressionFailed";
    public const string HandlerFailed = "HandlerFailed";
    public const string HandlerNotFound = "HandlerNotFound";
    public const string NoOutgoingFlow = "NoOutgoingFlow";
    public const string UnhandledError = "UnhandledError";
    public const string InvalidValue = "InvalidValue";
    public const string CalledProcessNotFound = "CalledProcessNotFound";
    public const string Runaway = "Runaway";
}
