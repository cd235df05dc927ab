using OnboardingWorkflow.Application.Administration;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>
/// User administration for admins: create users, change their roles, disable and enable them, and
/// end their sessions. Changes are audited and take effect on existing tokens and cookies.
/// </summary>
public static class UsersApi
{
    public sealed record CreateUserRequest(
        [property: Required, EmailAddress] string Email,
        [property: Required, MinLength(8)] string Password,
        [property: Required, MinLength(1)] IReadOnlyList<string> Roles,
        string? DisplayName);

    public sealed record SetRolesRequest([property: Required, MinLength(1)] IReadOnlyList<string> Roles);

    /// <summary>A user; <paramref name="LockedOutUntil"/> is set during a temporary lockout after wrong passwords.</summary>
    public sealed record UserResponse(string Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, bool Disabled = false, DateTimeOffset? LockedOutUntil = null);

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        group.MapPost("/", CreateAsync).WithSummary("Creates a user with a password and roles (Admin).");
        group.MapGet("/", ListAsync).WithSummary("Lists users, their roles and whether they are disabled or locked out (Admin).");
        group.MapGet("/{id}", GetAsync).WithSummary("One user, their roles and state (Admin).");
        group.MapPost("/{id}/disable", DisableAsync)
            .WithSummary("Disables a user: sign-in fails and their tokens and cookies stop working within a minute (Admin; not the last enabled admin).");
        group.MapPost("/{id}/enable", EnableAsync).WithSummary("Enables a disabled or locked-out user (Admin).");
        group.MapPut("/{id}/roles", SetRolesAsync)
            .WithSummary("Replaces a user's roles; their existing tokens and cookies stop working, so they sign in again (Admin).");
        group.MapPost("/{id}/revoke-sessions", RevokeSessionsAsync).WithSummary("Ends every session of a user: tokens and cookies issued so far are refused (Admin).");
        return api;
    }

    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateAsync(CreateUserRequest? request, UserAdministration administration,
        ClaimsPrincipal principal)
    {
        if (RequestValidation.Errors(request) is { } errors)
        {
            return Problems.Invalid(errors);
        }

        var user = await administration.CreateAsync(request!.Email, request.Password, request.Roles, request.DisplayName, CurrentUser.From(principal).Name);
        return TypedResults.Created($"/api/users/{user.Id}", new UserResponse(user.Id, request.Email, user.DisplayName, request.Roles));
    }

    public static async Task<Ok<List<UserResponse>>> ListAsync(UserManager<AppUser> users, TimeProvider clock)
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync();
        var result = new List<UserResponse>();
        foreach (var user in all)
        {
            result.Add(await ToResponseAsync(users, user, clock));
        }

        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetAsync(string id, UserManager<AppUser> users, TimeProvider clock) =>
        await users.FindByIdAsync(id) is { } user ? TypedResults.Ok(await ToResponseAsync(users, user, clock)) : Problems.NotFound($"User {id}");

    public static Task<Results<Ok<UserResponse>, ProblemHttpResult>> DisableAsync(string id, ClaimsPrincipal principal, UserAdministration admin, UserManager<AppUser> users, TimeProvider clock) =>
        AnswerAsync(id, admin.DisableAsync(id, CurrentUser.From(principal).Name), users, clock);

    public static Task<Results<Ok<UserResponse>, ProblemHttpResult>> EnableAsync(string id, ClaimsPrincipal principal, UserAdministration admin, UserManager<AppUser> users, TimeProvider clock) =>
        AnswerAsync(id, admin.EnableAsync(id, CurrentUser.From(principal).Name), users, clock);

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> SetRolesAsync(string id, SetRolesRequest? request, ClaimsPrincipal principal, UserAdministration admin,
        UserManager<AppUser> users, TimeProvider clock)
    {
        if (RequestValidation.Errors(request) is { } errors)
        {
            return Problems.Invalid(errors);
        }

        return await AnswerAsync(id, admin.SetRolesAsync(id, request!.Roles, CurrentUser.From(principal).Name), users, clock);
    }

    public static Task<Results<Ok<UserResponse>, ProblemHttpResult>> RevokeSessionsAsync(string id, ClaimsPrincipal principal, UserAdministration admin, UserManager<AppUser> users,
        TimeProvider clock) =>
        AnswerAsync(id, admin.RevokeSessionsAsync(id, CurrentUser.From(principal).Name), users, clock);

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> AnswerAsync(string id, Task<(UserAdministration.Outcome Outcome, AppUser? User)> change,
        UserManager<AppUser> users, TimeProvider clock)
    {
        var (outcome, user) = await change;
        return outcome switch
        {
            UserAdministration.Outcome.Done => TypedResults.Ok(await ToResponseAsync(users, user!, clock)),
            UserAdministration.Outcome.NotFound => Problems.NotFound($"User {id}"),
            UserAdministration.Outcome.LastAdmin => Problems.Conflict(ErrorCodes.LastAdmin,
                $"{user!.Email} is the last enabled admin; make another user an admin first."),
            _ => Problems.Invalid(new Dictionary<string, string[]> { ["roles"] = [$"Known roles: {string.Join(", ", Roles.All)}."] }),
        };
    }

    private static async Task<UserResponse> ToResponseAsync(UserManager<AppUser> users, AppUser user, TimeProvider clock)
    {
        var disabled = user.IsDisabled();
        var lockedUntil = !disabled && user.LockoutEnd > clock.GetUtcNow() ? user.LockoutEnd : null;
        return new UserResponse(user.Id, user.Email ?? user.UserName ?? user.Id, user.DisplayName, [.. (await users.GetRolesAsync(user)).Order()], disabled, lockedUntil);
    }
}
