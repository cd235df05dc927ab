namespace OnboardingWorkflow.Server.Api;

/// <summary>Reads a raw request body (BPMN XML, a CSV file) up to a size, refusing a larger one before it is all read.</summary>
internal static class RequestBodies
{
    /// <summary>The body's bytes; a body above <paramref name="maxBytes"/> is a 413 naming <paramref name="what"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, string what, CancellationToken cancellationToken)
    {
        var tooLarge = new AppException(AppErrorKind.TooLarge, ErrorCodes.PayloadTooLarge, $"{what} may be at most {maxBytes} bytes.");
        if (request.ContentLength > maxBytes)
        {
            throw tooLarge;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw tooLarge;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The media type of the request, lower case, without parameters such as charset.</summary>
    public static string? MediaType(HttpRequest request) => request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
}
