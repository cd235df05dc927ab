using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>User administration for admins: create sales staff, approvers and auditors.</summary>
public static class UsersApi
{
    public sealed record CreateUserRequest(
        [property: Required, EmailAddress] string Email,
        [property: Required, MinLength(8)] string Password,
        [property: Required, MinLength(1)] IReadOnlyList<string> Roles,
        string? DisplayName);

    public sealed record UserResponse(string Id, string Email, string? DisplayName, IReadOnlyList<string> Roles);

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        group.MapPost("/", CreateAsync).WithSummary("Creates a user with a password and roles (Admin).");
        group.MapGet("/", ListAsync).WithSummary("Lists users and their roles (Admin).");
        return api;
    }

    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateAsync(CreateUserRequest? request, UserProvisioning provisioning, UserManager<AppUser> users)
    {
        if (RequestValidation.Errors(request) is { } errors)
        {
            return Problems.Invalid(errors);
        }

        if (await users.FindByEmailAsync(request!.Email) is not null)
        {
            return Problems.Conflict(ErrorCodes.Duplicate, $"A user with the e-mail {request.Email} exists already.");
        }

        var result = await provisioning.CreateAsync(request.Email, request.Password, request.Roles, request.DisplayName);
        if (!result.Succeeded)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["user"] = result.Errors.Select(e => e.Description).ToArray() });
        }

        var user = (await users.FindByEmailAsync(request.Email))!;
        return TypedResults.Created($"/api/users/{user.Id}", new UserResponse(user.Id, request.Email, user.DisplayName, request.Roles));
    }

    public static async Task<Ok<List<UserResponse>>> ListAsync(UserManager<AppUser> users)
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync();
        var result = new List<UserResponse>();
        foreach (var user in all)
        {
            result.Add(new UserResponse(user.Id, user.Email ?? user.UserName ?? user.Id, user.DisplayName, [.. await users.GetRolesAsync(user)]));
        }

        return TypedResults.Ok(result);
    }
}
