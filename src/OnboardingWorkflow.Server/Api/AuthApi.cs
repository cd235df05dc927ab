using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>Sign-in: a bearer token for API clients, or the Identity cookie for the browser.</summary>
public static class AuthApi
{
    public sealed record LoginRequest([property: Required, EmailAddress] string Email, [property: Required] string Password);

    /// <summary>
    /// The signed-in user; <paramref name="Culture"/> is the language they chose (null: never chose, the default applies);
    /// <paramref name="TaskDigest"/> whether they get the daily e-mail digest of their open tasks.
    /// </summary>
    public sealed record MeResponse(string UserName, IReadOnlyList<string> Roles, string? Culture, bool TaskDigest);

    public sealed record CultureRequest(string? Culture);

    /// <summary>The preferences to change; a member left out (or null) stays as it is.</summary>
    public sealed record PreferencesRequest(string? Culture, bool? TaskDigest);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithSummary("Exchanges e-mail and password for a bearer token (or, with ?useCookies=true, an authentication cookie).")
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/me", MeAsync).RequireAuthorization().WithSummary("The signed-in user, their roles and their language.");
        group.MapPut("/me/culture", SetCultureAsync).RequireAuthorization()
            .WithSummary("Sets the signed-in user's language (en or zh-CN): the dashboard after sign-in and the e-mails to them use it.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPut("/me/preferences", SetPreferencesAsync).RequireAuthorization()
            .WithSummary("Sets the signed-in user's preferences: their language (en or zh-CN) and the daily e-mail digest of their open tasks (taskDigest).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    /// <summary>Every failed sign-in gets this one answer, whatever the reason: it must not tell whether the account exists.</summary>
    public const string WrongCredentials = "The e-mail or password is wrong.";

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest? request, bool? useCookies, HttpContext http, PasswordLogin login)
    {
        if (RequestValidation.Errors(request) is { } errors)
        {
            return Problems.Invalid(errors);
        }

        var result = await login.SignInAsync(request!.Email, request.Password, useCookies == true, http.Connection.RemoteIpAddress);
        if (result.RetryAfter is { } retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Create(StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyRequests,
                $"Too many sign-in attempts; try again in {seconds} seconds.");
        }

        // On success the sign-in handler has written the token (or set the cookie).
        return result.Succeeded ? TypedResults.Empty : Problems.Create(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, WrongCredentials);
    }

    public static async Task<Ok<MeResponse>> MeAsync(ClaimsPrincipal principal, UserPreferences preferences, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var culture = await preferences.ChosenCultureAsync(user.Name, cancellationToken);
        return TypedResults.Ok(new MeResponse(user.Name, user.Roles, culture?.Name, await preferences.TaskDigestAsync(user.Name, cancellationToken)));
    }

    public static async Task<Ok<MeResponse>> SetCultureAsync(CultureRequest? request, ClaimsPrincipal principal, UserPreferences preferences, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var culture = await preferences.SetCultureAsync(user, request?.Culture, cancellationToken);
        return TypedResults.Ok(new MeResponse(user.Name, user.Roles, culture.Name, await preferences.TaskDigestAsync(user.Name, cancellationToken)));
    }

    public static async Task<Ok<MeResponse>> SetPreferencesAsync(PreferencesRequest? request, ClaimsPrincipal principal, UserPreferences preferences,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        if (request is null || (request.Culture is null && request.TaskDigest is null))
        {
            throw AppException.InvalidField("taskDigest", FieldText.Format(FieldText.Keys.PreferenceRequired, Languages.Names));
        }

        if (request.Culture is not null)
        {
            await preferences.SetCultureAsync(user, request.Culture, cancellationToken);
        }

        if (request.TaskDigest is { } digest)
        {
            await preferences.SetTaskDigestAsync(user, digest, cancellationToken);
        }

        return await MeAsync(principal, preferences, cancellationToken);
    }
}
