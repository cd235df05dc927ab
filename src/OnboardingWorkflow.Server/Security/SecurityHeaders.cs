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

    /// <summary>
    /// The policy of a file the dashboard shows inline (a document preview): only pages of this
    /// origin may frame it, and the file itself may run nothing; the browser's PDF viewer is an
    /// object of the same origin.
    /// </summary>
    public const string FramedFilePolicy =
        "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Only an endpoint marked for it, and only for a successful inline answer, may be framed by our own pages.
                var framed = context.GetEndpoint()?.Metadata.GetMetadata<SameOriginFraming>() is not null
                    && context.Response.StatusCode == StatusCodes.Status200OK
                    && headers.ContentDisposition.ToString().StartsWith("inline", StringComparison.OrdinalIgnoreCase);
                headers.XFrameOptions = framed ? "SAMEORIGIN" : "DENY";
                headers.ContentSecurityPolicy = framed ? FramedFilePolicy : ContentSecurityPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}

/// <summary>
/// Endpoint metadata: its inline answers may be shown in a frame of the dashboard (same origin only),
/// e.g. a PDF preview. Everything else keeps X-Frame-Options DENY.
/// </summary>
public sealed class SameOriginFraming
{
    public static readonly SameOriginFraming Instance = new();

    private SameOriginFraming()
    {
    }
}
