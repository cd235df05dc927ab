using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>Sign-in: a bearer token for API clients, or the Identity cookie for the browser.</summary>
public static class AuthApi
{
    public sealed record LoginRequest([property: Required, EmailAddress] string Email, [property: Required] string Password);

    public sealed record MeResponse(string UserName, IReadOnlyList<string> Roles);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithSummary("Exchanges e-mail and password for a bearer token (or, with ?useCookies=true, an authentication cookie).")
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>();
        group.MapGet("/me", Me).RequireAuthorization().WithSummary("The signed-in user and their roles.");
        return api;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest? request, bool? useCookies,
        SignInManager<AppUser> signIn, UserManager<AppUser> users)
    {
        if (RequestValidation.Errors(request) is { } errors)
        {
            return Problems.Invalid(errors);
        }

        var user = await users.FindByEmailAsync(request!.Email);
        if (user?.UserName is null)
        {
            return Problems.Create(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, "The e-mail or password is wrong.");
        }

        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(user.UserName, request.Password, isPersistent: useCookies == true, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            var detail = result.IsLockedOut ? "The account is locked after too many failed sign-ins; try again later." : "The e-mail or password is wrong.";
            return Problems.Create(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, detail);
        }

        // The sign-in handler has written the token (or set the cookie).
        return TypedResults.Empty;
    }

    public static Ok<MeResponse> Me(ClaimsPrincipal principal)
    {
        var user = CurrentUser.From(principal);
        return TypedResults.Ok(new MeResponse(user.Name, user.Roles));
    }
}
