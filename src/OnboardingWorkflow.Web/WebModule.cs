using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Application.Common;
using OnboardingWorkflow.Web.Components;
using OnboardingWorkflow.Web.Localization;
using OnboardingWorkflow.Web.Security;
using OnboardingWorkflow.Web.Shared;

namespace OnboardingWorkflow.Web;

/// <summary>The dashboard's wiring: the host calls <see cref="AddOnboardingWeb"/> and <see cref="MapOnboardingWeb"/>.</summary>
public static class WebModule
{
    public static IServiceCollection AddOnboardingWeb(this IServiceCollection services)
    {
        // Each open tab holds a circuit in server memory (about 1.3 MB with the inbox open; BENCHMARKS.md,
        // "Dashboard memory per connected user"). These bounds keep what a tab can hold, or leave
        // behind, small and explicit.
        services.AddRazorComponents().AddInteractiveServerComponents(options =>
        {
            options.DetailedErrors = false;
            // A closed tab's state is dropped after a minute, and at most 100 are kept waiting for a
            // reconnect (about 130 MB at worst); the oldest go first.
            options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(1);
            options.DisconnectedCircuitMaxRetained = 100;
            // A browser that stops acknowledging renders (a stalled network) makes the server keep
            // each unacknowledged batch; past this many it stops rendering for that tab.
            options.MaxBufferedUnacknowledgedRenderBatches = 10;
            // A script call the browser never answers is abandoned, and its pending state freed, after this.
            options.JSInteropDefaultCallTimeout = TimeSpan.FromMinutes(1);
        }).AddHubOptions(hub =>
        {
            // Large payloads (BPMN XML, uploads) travel over HTTP; nothing legitimate sends more than this.
            hub.MaximumReceiveMessageSize = 32 * 1024;
            hub.MaximumParallelInvocationsPerClient = 1;
        });
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingSessionStateProvider>();
        services.AddScoped<DashboardUser>();
        services.AddTransient(typeof(Scoped<>));
        services.AddLocalization();
        services.AddMudServices();
        services.AddTransient<MudLocalizer, MudStringsLocalizer>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(Cultures.Default.Name);
            options.SupportedCultures = [.. Cultures.Supported];
            options.SupportedUICultures = [.. Cultures.Supported];
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
        });
        return services;
    }

    /// <summary>Request localization; call before authentication so sign-in pages are translated too.</summary>
    public static WebApplication UseOnboardingWebLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    public static WebApplication MapOnboardingWeb(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapGet("/account/culture", SetCultureAsync).AllowAnonymous().ExcludeFromDescription();
        app.UseWhen(http => http.Request.Path.StartsWithSegments(ReviewCulture.Path), review => review.Use(ReviewCulture.ApplyAsync));
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization();
        return app;
    }

    /// <summary>
    /// Remembers the chosen language in this browser and, for a signed-in user, on their account (so
    /// their other browsers and their e-mails follow it); then goes back to the page. Only local return addresses.
    /// </summary>
    private static async Task<IResult> SetCultureAsync(HttpContext http, string? culture, string? returnUrl, UserPreferences preferences)
    {
        if (Cultures.Find(culture) is { } chosen)
        {
            Cultures.Remember(http, chosen);
            if (http.User.Identity?.IsAuthenticated == true)
            {
                await preferences.SetCultureAsync(CurrentUser.From(http.User), chosen.Name, http.RequestAborted);
            }
        }

        return Results.LocalRedirect(LocalUrl.OrRoot(returnUrl));
    }
}
