using OnboardingWorkflow.Server.Operations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.OpenApi;

/// <summary>The OpenAPI document at /openapi/v1.json and the interactive page at /docs (served locally, no CDN).</summary>
public static class OpenApiModule
{
    public const string DocumentPath = "/openapi/v1.json";

    public static WebApplicationBuilder AddOnboardingOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddSection<ApiDocsOptions>(builder.Configuration, ApiDocsOptions.Section);
        builder.Services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "OnboardingWorkflow API",
                    Version = "v1",
                    Description = "Customer onboarding: applications, documents, due diligence, tasks, customers and workflows. "
                        + "Sign in with POST /api/auth/login and send the access token as 'Authorization: Bearer <token>'. "
                        + "Every error is a problem+json document with a machine-readable 'code'.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The accessToken returned by POST /api/auth/login.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>
    /// Serves the page before authorization runs: it is static and holds no data. Where the docs
    /// are not open (<see cref="ApiDocsOptions"/>), a caller must be signed in to get it.
    /// </summary>
    public static WebApplication UseOnboardingDocs(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ApiDocsOptions>>().Value.IsOpen(app.Environment))
        {
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/docs"), docs => docs.Use(RequireSignInAsync));
        }

        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "docs";
            options.SwaggerEndpoint(DocumentPath, "OnboardingWorkflow API v1");
            options.DocumentTitle = "OnboardingWorkflow API";
        });
        return app;
    }

    public static WebApplication MapOnboardingOpenApi(this WebApplication app)
    {
        var document = app.MapOpenApi("/openapi/{documentName}.json");
        if (app.Services.GetRequiredService<IOptions<ApiDocsOptions>>().Value.IsOpen(app.Environment))
        {
            document.AllowAnonymous();
        }
        else
        {
            document.RequireAuthorization();
        }

        return app;
    }

    private static async Task RequireSignInAsync(HttpContext context, RequestDelegate next)
    {
        var result = await context.AuthenticateAsync();
        if (result.Principal?.Identity?.IsAuthenticated != true
            || !await context.RequestServices.GetRequiredService<SessionValidation>().IsCurrentAsync(result.Principal))
        {
            await context.ChallengeAsync();
            return;
        }

        context.User = result.Principal;
        await next(context);
    }
}
