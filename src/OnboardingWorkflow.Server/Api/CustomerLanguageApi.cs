using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>The language a customer's letters are written in.</summary>
public static class CustomerLanguageApi
{
    /// <summary>"en" or "zh-CN".</summary>
    public sealed record LanguageBody(string? Language);

    public static RouteGroupBuilder MapCustomerLanguageApi(this RouteGroupBuilder api)
    {
        api.MapPut("/customers/{id:guid}/language", SetAsync).WithTags("Customers").RequireAuthorization(Policies.LanguageEditors)
            .WithSummary("Sets the language of the customer's letters (dunning letters, hold and release notices): en or zh-CN. The account's salesperson "
                + "(own accounts), credit managers and admins; audited. 400 invalid_request (language), 404 not_found.");
        return api;
    }

    public static async Task<Ok<CustomerLanguageView>> SetAsync(Guid id, LanguageBody? body, ClaimsPrincipal principal, CustomerLanguage languages,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await languages.SetAsync(id, body?.Language, ApiUser.Of(principal), cancellationToken));
}
