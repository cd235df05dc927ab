namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// Browser hardening headers on every response, errors and health checks included. They are added
/// just before the headers go out, because the exception handler clears headers set earlier.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Same-origin everything. The Blazor dashboard (interactive server) needs its WebSocket
    /// (<c>connect-src ws: wss:</c>) and MudBlazor's inline styles; no script runs inline or from
    /// eval. Swagger UI at /docs lives with the same policy: its page loads only its own files.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; "
        + "img-src 'self' data: blob:; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
