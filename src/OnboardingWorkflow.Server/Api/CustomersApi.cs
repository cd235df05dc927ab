using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>The customer's credit archive: profile, limit, terms, applications, scores and decisions. Every read is audited.</summary>
public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{id:guid}", GetAsync).WithTags("Customers").RequireAuthorization(Policies.CaseReaders)
            .WithSummary("Credit profile, limit, terms and the archive of applications, scores and decisions (the read is audited).");
        return api;
    }

    public static async Task<Ok<CustomerFile>> GetAsync(Guid id, ClaimsPrincipal principal, CaseQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CustomerAsync(ApiUser.Of(principal), id, cancellationToken));
}
