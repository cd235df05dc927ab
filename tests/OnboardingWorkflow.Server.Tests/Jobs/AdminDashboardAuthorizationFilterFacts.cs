using System.Security.Claims;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Server.Jobs;

namespace OnboardingWorkflow.Server.Tests.Jobs;

public sealed class AdminDashboardAuthorizationFilterFacts
{
    private static Task<bool> AuthorizeAsync(ClaimsPrincipal user)
    {
        var http = new DefaultHttpContext { User = user, RequestServices = new ServiceCollection().BuildServiceProvider() };
        var context = new AspNetCoreDashboardContext(new InMemoryStorage(), new DashboardOptions(), http);
        return new AdminDashboardAuthorizationFilter().AuthorizeAsync(context);
    }

    private static ClaimsPrincipal User(string? authenticationType, params string[] roles) =>
        new(new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.Name, "someone")), authenticationType));

    [Fact]
    public async Task Authorize_AdmitsAuthenticatedAdmin()
    {
        Assert.True(await AuthorizeAsync(User("test", "Admin")));
    }

    [Fact]
    public async Task Authorize_RefusesAnonymousUser()
    {
        Assert.False(await AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity())));
    }

    [Fact]
    public async Task Authorize_RefusesUnauthenticatedIdentityClaimingAdmin()
    {
        Assert.False(await AuthorizeAsync(User(authenticationType: null, "Admin")));
    }

    [Theory]
    [InlineData("Sales")]
    [InlineData("CreditManager")]
    [InlineData("Auditor")]
    public async Task Authorize_RefusesOtherRoles(string role)
    {
        Assert.False(await AuthorizeAsync(User("test", role)));
    }
}
