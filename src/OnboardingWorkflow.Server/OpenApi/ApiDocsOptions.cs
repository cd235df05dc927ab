namespace OnboardingWorkflow.Server.OpenApi;

/// <summary>
/// The "OpenApi" section: whether /docs and /openapi/v1.json answer callers who are not signed in.
/// Unset, they are open except in the Production environment, where the API's shape is not shown
/// to strangers.
/// </summary>
public sealed class ApiDocsOptions
{
    public const string Section = "OpenApi";

    public bool? AllowAnonymous { get; set; }

    public bool IsOpen(IHostEnvironment environment) => AllowAnonymous ?? !environment.IsProduction();
}
