using System.Net;
using OnboardingWorkflow.Server.Security;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Security;

/// <summary>
/// The document endpoint lets the dashboard preview PDFs and images in a frame of the same origin,
/// and nothing more: other types come as attachments and stay unframeable, nosniff stays everywhere.
/// </summary>
[Collection(HangfireHostCollection.Name)]
public sealed class DocumentPreviewFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start(new Dictionary<string, string?>
        {
            ["Documents:AllowedContentTypes:0"] = "application/pdf",
            ["Documents:AllowedContentTypes:1"] = "text/plain",
        });
        await _server.SeedUsersAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_pdf_comes_inline_and_may_be_framed_by_the_same_origin_only()
    {
        var (applicationId, documentId) = await UploadAsync(Onboarding.Pdf, "application/pdf", "licence.pdf");
        using var reader = await _server.As(Users.Ana);

        var response = await reader.GetAsync($"/api/applications/{applicationId}/documents/{documentId}");

        await Http.Ensure(response, HttpStatusCode.OK);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("licence.pdf", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(SecurityHeaders.FramedFilePolicy, policy);
        Assert.Contains("frame-ancestors 'self'", policy);
        Assert.DoesNotContain("script-src", policy);
        Assert.StartsWith("default-src 'none'", policy);
    }

    [Fact]
    public async Task Another_type_comes_as_an_attachment_and_is_never_framed()
    {
        var (applicationId, documentId) = await UploadAsync("just text"u8.ToArray(), "text/plain", "note.txt");
        using var reader = await _server.As(Users.Ana);

        var response = await reader.GetAsync($"/api/applications/{applicationId}/documents/{documentId}");

        await Http.Ensure(response, HttpStatusCode.OK);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task A_refused_download_is_not_framed_either()
    {
        var (applicationId, documentId) = await UploadAsync(Onboarding.Pdf, "application/pdf", "licence.pdf");
        using var otherMaker = await _server.As(Users.Sam);

        var response = await otherMaker.GetAsync($"/api/applications/{applicationId}/documents/{documentId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    private async Task<(Guid Application, Guid Document)> UploadAsync(byte[] content, string contentType, string fileName)
    {
        var onboarding = new Onboarding(_server);
        var applicationId = await onboarding.SubmitAsync(Users.Sally, Onboarding.Low);
        using var sally = await _server.As(Users.Sally);
        var created = await Http.Json(await sally.PostAsync($"/api/applications/{applicationId}/documents",
            Onboarding.Upload("BusinessLicence", content, contentType, fileName, "2030-12-31")), HttpStatusCode.Created);
        return (applicationId, created.GetProperty("id").GetGuid());
    }
}
