namespace OnboardingWorkflow.Testing;

/// <summary>Where a test's HTTP clients come from: one server, or several behind a load balancer.</summary>
public interface IServerClients
{
    /// <summary>A client signed in as <paramref name="email"/>.</summary>
    Task<HttpClient> As(string email);
}
