using System.Text;
using OnboardingWorkflow.Application.Documents;

namespace OnboardingWorkflow.Application.Tests.Documents;

public sealed class ContentCheckFacts
{
    private static async Task<bool> CheckAsync(byte[] bytes, string type) => await ContentCheck.MatchesAsync(new MemoryStream(bytes), type, CancellationToken.None);

    [Fact]
    public async Task A_pdf_needs_its_header_and_its_end_marker()
    {
        Assert.True(await CheckAsync("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray(), "application/pdf"));
        Assert.True(await CheckAsync("%PDF-2.0\n%%EOF"u8.ToArray(), "application/pdf"));
        Assert.False(await CheckAsync(Encoding.ASCII.GetBytes("%PDF-1.7\n<script>alert(1)</script>"), "application/pdf"));
        Assert.False(await CheckAsync(Encoding.ASCII.GetBytes("%PDF-x\n%%EOF"), "application/pdf"));
        Assert.False(await CheckAsync(Encoding.ASCII.GetBytes("MZ\u0090\0 ... %%EOF"), "application/pdf"));
    }

    [Fact]
    public async Task The_end_marker_is_looked_for_in_the_tail_of_a_large_file()
    {
        var body = new byte[3 * 1024 * 1024];
        "%PDF-1.4\n"u8.CopyTo(body);
        "\n%%EOF\r\n"u8.CopyTo(body.AsSpan(body.Length - 8));
        Assert.True(await CheckAsync(body, "application/pdf"));
        body[^4] = (byte)'X';
        Assert.False(await CheckAsync(body, "application/pdf"));
    }

    [Fact]
    public async Task Images_need_both_ends()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];
        Assert.True(await CheckAsync(png, "image/png"));
        Assert.False(await CheckAsync(png[..^1], "image/png"));
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 0xFF, 0xD9];
        Assert.True(await CheckAsync(jpeg, "image/jpeg"));
        Assert.False(await CheckAsync(jpeg[..^2], "image/jpeg"));
    }
}
