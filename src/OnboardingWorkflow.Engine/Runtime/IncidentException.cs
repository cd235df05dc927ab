namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>Stops the current element with an incident of the given code; internal to the execution loop.</summary>
internal sealed class IncidentException(string code, string message, Exception? cause = null) : Exception(message, cause)
{
    public string Code { get; } = code;
}

/// <summary>
/// An incident as it is raised, for the host to log: where, which code, and the exception that
/// caused it (a handler's, with its type and stack) when there was one. The instance keeps only
/// the code and message; the cause goes to the log.
/// </summary>
public sealed record IncidentReport(Guid InstanceId, string ProcessKey, string? BusinessKey, string ElementId, string Code, string Message, Exception? Cause);

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

    /// <summary>The worker of an external task reported a failure and left it no retries.</summary>
    public const string ExternalTaskFailed = "ExternalTaskFailed";
}
