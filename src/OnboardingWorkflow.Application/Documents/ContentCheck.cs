namespace OnboardingWorkflow.Application.Documents;

/// <summary>
/// Whether a file is what its content type claims, from both ends: a PDF starts with "%PDF-" and
/// ends with "%%EOF", a PNG starts with its signature and ends with the IEND chunk, a JPEG starts
/// with SOI and ends with EOI. A "%PDF-" header on another body is refused.
/// </summary>
public static class ContentCheck
{
    private const int TailBytes = 1024;

    public static async Task<bool> MatchesAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        var head = new byte[16];
        var headRead = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var length = content.Length;
        var tail = new byte[(int)Math.Min(TailBytes, length)];
        content.Seek(length - tail.Length, SeekOrigin.Begin);
        await content.ReadExactlyAsync(tail, cancellationToken);
        content.Seek(0, SeekOrigin.Begin);
        return Matches(head.AsSpan(0, headRead), tail, contentType);
    }

    public static bool Matches(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail, string contentType) => contentType switch
    {
        "application/pdf" => head.StartsWith("%PDF-"u8) && head.Length >= 8 && char.IsAsciiDigit((char)head[5]) && TrimEnd(tail).EndsWith("%%EOF"u8),
        "image/png" => head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })
            && tail.EndsWith(new byte[] { 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82 }),
        "image/jpeg" => head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) && TrimEnd(tail).EndsWith(new byte[] { 0xFF, 0xD9 }),
        _ => true,
    };

    // Writers often end a PDF (or pad a JPEG) with line breaks, spaces or NULs after the marker.
    private static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t' or 0)
        {
            end--;
        }

        return bytes[..end];
    }
}
