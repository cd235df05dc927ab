using Hangfire.Dashboard;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Server.Jobs;

/// <summary>
/// Lets only authenticated users in the Admin role see the Hangfire dashboard. Hangfire answers
/// 401 to anonymous requests and 403 to signed-in users without the role.
/// </summary>
public sealed class AdminDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    public Task<bool> AuthorizeAsync(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.GetHttpContext().User;
        var allowed = user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin);
        return Task.FromResult(allowed);
    }
}
