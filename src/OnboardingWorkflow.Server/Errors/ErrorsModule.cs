
namespace OnboardingWorkflow.Server.Errors;

/// <summary>Every failure is a ProblemDetails with a <c>code</c>: thrown errors, bad requests, and bare status codes.</summary>
public static class ErrorsModule
{
    public static WebApplicationBuilder AddOnboardingErrors(this WebApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.Configure<Microsoft.AspNetCore.Http.ProblemDetailsOptions>(options =>
            options.CustomizeProblemDetails = context =>
            {
                var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
                context.ProblemDetails.Extensions.TryAdd("code", ErrorCodes.ForStatus(status));
                context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
                context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            });

        // Binding failures (malformed JSON, wrong content type, a too-large body) throw, so the
        // handler above can explain them instead of answering a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        // What a request body does not declare is refused, never silently dropped.
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
        return builder;
    }
}
