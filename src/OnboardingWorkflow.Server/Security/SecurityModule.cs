using OnboardingWorkflow.Server.Operations;
using Microsoft.AspNetCore.DataProtection;
using OnboardingWorkflow.Application.Administration;
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
        builder.Services.AddSection<BootstrapOptions>(builder.Configuration, BootstrapOptions.Section);

        builder.Services.AddSection<SessionOptions>(builder.Configuration, SessionOptions.Section);
        builder.Services.AddSection<LoginOptions>(builder.Configuration, LoginOptions.Section);
        var login = ConfigurationSections.Read<LoginOptions>(builder.Configuration, LoginOptions.Section);

        builder.Services.AddDataProtection().SetApplicationName("OnboardingWorkflow").PersistKeysToDbContext<OnboardingDbContext>();
        builder.Services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Always temporary: a lockout must never keep the last admin out for good.
                options.Lockout.MaxFailedAccessAttempts = login.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = login.LockoutDuration;
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

        // An API answers 401/403; a page of the dashboard sends the browser to sign in.
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = AccountEndpoints.LoginPage;
            options.Cookie.Name = "owf.auth";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Events.OnRedirectToLogin = context => AccountEndpoints.IsPageRequest(context.Request)
                ? Redirect(context, $"{AccountEndpoints.LoginPage}?returnUrl={Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString)}")
                : SetStatus(context, StatusCodes.Status401Unauthorized);
            // An address that matches no endpoint is refused by the fallback policy too; to a person
            // it is a page that does not exist (a mistyped id), not one their roles forbid.
            options.Events.OnRedirectToAccessDenied = context => AccountEndpoints.IsPageRequest(context.Request)
                ? Redirect(context, context.HttpContext.GetEndpoint() is null ? AccountEndpoints.NotFoundPage : AccountEndpoints.DeniedPage)
                : SetStatus(context, StatusCodes.Status403Forbidden);
        });

        var authorization = builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            // Deny by default: an endpoint must say who may call it (or allow anonymous callers).
            // Routing's own 405/415 answers pass, so a wrong method or content type says so.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAssertion(context => IsRoutingRejection(context.Resource)).Build());
        foreach (var (name, roles) in Policies.Table)
        {
            authorization.AddPolicy(name, policy => policy.RequireRole(roles));
        }

        builder.Services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<SessionOptions>>((stamps, sessions) =>
            stamps.ValidationInterval = sessions.Value.ValidationInterval);
        builder.Services.AddSingleton<SessionCache>();
        builder.Services.AddSingleton<ISessionRevocation>(sp => sp.GetRequiredService<SessionCache>());
        builder.Services.AddScoped<BootstrapAdmin>();
        builder.Services.AddScoped<SessionValidation>();
        builder.Services.AddScoped<ISessionCheck>(sp => sp.GetRequiredService<SessionValidation>());
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddScoped<DummyPasswordHash>();
        builder.Services.AddScoped<PasswordLogin>();
        builder.Services.AddScoped<CredentialRules>();
        return builder;
    }

    /// <summary>Authentication and authorization; after the error handlers so refusals become problems too.</summary>
    public static WebApplication UseOnboardingSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(SessionValidation.RefuseStaleSessionsAsync);
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>
    /// Seeds the roles and the configured first admin; runs the server commands when asked. Bad
    /// Bootstrap settings end the server process with one line on stderr and exit code 2 (a
    /// stack trace would bury the message); a host that embeds the server gets the exception.
    /// </summary>
    public static async Task InitializeSecurityAsync(this WebApplication app)
    {
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var provisioning = scope.ServiceProvider.GetRequiredService<UserProvisioning>();
            var bootstrap = scope.ServiceProvider.GetRequiredService<BootstrapAdmin>();
            await provisioning.EnsureRolesAsync();
            await bootstrap.EnsureBootstrapAdminAsync(BootstrapSettings(scope.ServiceProvider), app.Logger);
        }
        catch (StartupConfigurationException e) when (System.Reflection.Assembly.GetEntryAssembly() == typeof(SecurityModule).Assembly)
        {
            await Console.Error.WriteLineAsync($"The server cannot start: {e.Message}");
            Environment.Exit(2);
        }

        await ServerCommands.RunIfRequestedAsync(app, Environment.GetCommandLineArgs().Skip(1).ToArray());
    }

    private static BootstrapOptions BootstrapSettings(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            throw new StartupConfigurationException(string.Join(" ", e.Failures));
        }
    }

    private static bool IsRoutingRejection(object? resource) =>
        resource is HttpContext http && http.GetEndpoint()?.DisplayName is { } name
        && (name.StartsWith("405 HTTP", StringComparison.Ordinal) || name.StartsWith("415 HTTP", StringComparison.Ordinal));

    private static Task Redirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, string location)
    {
        context.Response.Redirect(location);
        return Task.CompletedTask;
    }

    private static Task SetStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
