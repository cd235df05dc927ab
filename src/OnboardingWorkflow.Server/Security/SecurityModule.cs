using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// Identity on the product database, bearer tokens for API clients and cookies for the browser,
/// role policies, and a fallback that denies any endpoint that states no policy.
/// </summary>
public static class SecurityModule
{
    /// <summary>Picks the bearer handler when the request carries a bearer token, else the Identity cookie.</summary>
    public const string BearerOrCookieScheme = "BearerOrCookie";

    public static WebApplicationBuilder AddOnboardingSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BootstrapOptions>().Bind(builder.Configuration.GetSection(BootstrapOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddDataProtection();
        builder.Services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OnboardingDbContext>()
            .AddSignInManager();

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = BearerOrCookieScheme;
                options.DefaultChallengeScheme = BearerOrCookieScheme;
            })
            .AddPolicyScheme(BearerOrCookieScheme, "Bearer token or cookie", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();

        // An API answers 401/403; it does not redirect to a login page.
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "owf.auth";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Events.OnRedirectToLogin = context => SetStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => SetStatus(context, StatusCodes.Status403Forbidden);
        });

        var authorization = builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            // Deny by default: an endpoint must say who may call it (or allow anonymous callers).
            // Routing's own 405/415 answers pass, so a wrong method or content type says so.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAssertion(context => IsRoutingRejection(context.Resource)).Build());
        Policies.Add(authorization);

        builder.Services.AddScoped<UserProvisioning>();
        return builder;
    }

    /// <summary>Authentication and authorization; after the error handlers so refusals become problems too.</summary>
    public static WebApplication UseOnboardingSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Seeds the roles and the configured first admin; runs the create-user command when asked.</summary>
    public static async Task InitializeSecurityAsync(this WebApplication app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var provisioning = scope.ServiceProvider.GetRequiredService<UserProvisioning>();
            await provisioning.EnsureRolesAsync();
            var bootstrap = scope.ServiceProvider.GetRequiredService<IOptions<BootstrapOptions>>().Value;
            await provisioning.EnsureBootstrapAdminAsync(bootstrap, app.Logger);
        }

        await ServerCommands.RunIfRequestedAsync(app, Environment.GetCommandLineArgs().Skip(1).ToArray());
    }

    private static bool IsRoutingRejection(object? resource) =>
        resource is HttpContext http && http.GetEndpoint()?.DisplayName is { } name
        && (name.StartsWith("405 HTTP", StringComparison.Ordinal) || name.StartsWith("415 HTTP", StringComparison.Ordinal));

    private static Task SetStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
