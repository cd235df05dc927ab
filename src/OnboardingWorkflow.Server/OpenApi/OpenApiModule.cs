using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OnboardingWorkflow.Server.OpenApi;

/// <summary>The OpenAPI document at /openapi/v1.json and the interactive page at /docs (served locally, no CDN).</summary>
public static class OpenApiModule
{
    public const string DocumentPath = "/openapi/v1.json";

    public static WebApplicationBuilder AddOnboardingOpenApi(this WebApplicationBuilder builder)
    {
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

    /// <summary>Serves the page before authorization runs: it is static and holds no data.</summary>
    public static WebApplication UseOnboardingDocs(this WebApplication app)
    {
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
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
