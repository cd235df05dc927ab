using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Web.Tests.Security;

/// <summary>
/// The HTTP API as the dashboard calls it: with the sign-in cookie a person gets from the login
/// form (the upload form and scripts of the page send nothing else). A salesperson aims it at
/// another's case and sends what the endpoints do not declare. Each refusal is a ProblemDetails
/// with a stable code and the field at fault, and nothing is stored or changed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiProbeFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Fact]
    public Task Uploads_with_the_dashboard_cookie_are_refused_with_a_problem_and_store_nothing() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var sallys = await server.Onboarding.SubmitAsync(Users.Sally, Onboarding.Low);
        var sams = await server.Onboarding.SubmitAsync(Users.Sam, Onboarding.Low);
        await session.Page.SignInAsync(Users.Sally);
        var api = session.Page.APIRequest;
        var url = $"/api/applications/{sallys}/documents";

        // Someone else's application: it does not exist for her.
        await ProblemAsync(await api.PostAsync($"/api/applications/{sams}/documents", new() { Multipart = Upload(api) }), 404, "not_found");
        // Larger than the limit (64 KB in tests).
        var big = new byte[70_000];
        "%PDF-1.7\n"u8.CopyTo(big);
        "%%EOF"u8.CopyTo(big.AsSpan(big.Length - 5));
        await ProblemAsync(await api.PostAsync(url, new() { Multipart = Upload(api, content: big) }), 413, "payload_too_large");
        // A program renamed to look like a PDF.
        await ProblemAsync(await api.PostAsync(url, new() { Multipart = Upload(api, content: "MZ\u0090\0\u0003\0\0\0This program cannot be run in DOS mode"u8.ToArray(), fileName: "invoice.pdf") }),
            400, "invalid_request", "file");
        // A type nobody declared, and two declared ones that Enum.TryParse would have merged into a third.
        await ProblemAsync(await api.PostAsync(url, new() { Multipart = Upload(api, type: "Passport") }), 400, "invalid_request", "type");
        await ProblemAsync(await api.PostAsync(url, new() { Multipart = Upload(api, type: "TaxRecords,LegalRepresentativeId") }), 400, "invalid_request", "type");
        // Fields the upload does not take, and a declared one sent twice.
        var extra = Upload(api);
        extra.Set("verification", "Verified");
        extra.Set("uploadedBy", Users.Ana);
        var problem = await ProblemAsync(await api.PostAsync(url, new() { Multipart = extra }), 400, "invalid_request", "verification");
        Assert.True(problem.GetProperty("errors").TryGetProperty("uploadedBy", out _), problem.ToString());
        var twice = Upload(api);
        twice.Append("type", "Other");
        await ProblemAsync(await api.PostAsync(url, new() { Multipart = twice }), 400, "invalid_request", "type");

        Assert.Equal(0, await server.Server.WithDbAsync(db => db.Set<Document>().CountAsync(d => d.ApplicationId == sallys || d.ApplicationId == sams)));
        foreach (var id in new[] { sallys, sams })
        {
            var folder = Path.Combine(server.Server.DataDirectory, "documents", id.ToString("N"));
            Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length == 0, $"files left in {folder}");
        }

        // The same cookie and form, as declared, are taken.
        Assert.Equal(201, (await api.PostAsync(url, new() { Multipart = Upload(api) })).Status);
    });

    [Fact]
    public Task Completing_tasks_with_the_dashboard_cookie_refuses_undeclared_variables_and_other_peoples_tasks() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var sallys = await server.Onboarding.SubmitAsync(Users.Sally, Onboarding.Low);
        var sams = await server.Onboarding.SubmitAsync(Users.Sam, Onboarding.Low);
        var sallysTask = await server.Onboarding.TaskIdAsync(sallys, "collectDocuments");
        var samsTask = await server.Onboarding.TaskIdAsync(sams, "collectDocuments");
        var samsDone = await server.Onboarding.SubmitAsync(Users.Sam, Onboarding.Low);
        var samsDoneTask = await server.Onboarding.TaskIdAsync(samsDone, "collectDocuments");
        await server.Onboarding.CollectDocumentsAsync(Users.Sam, samsDone, Onboarding.Low);
        await session.Page.SignInAsync(Users.Sally);
        var api = session.Page.APIRequest;

        // Her own task, with a variable its contract does not declare: refused, naming it.
        await ProblemAsync(await api.PostAsync($"/api/tasks/{sallysTask}/complete",
            new() { DataObject = new { comment = "done", variables = new { riskOverride = true } } }), 400, "task_contract_violation", "riskOverride");
        // A property the request itself does not have.
        var unmapped = await ProblemAsync(await api.PostAsync($"/api/tasks/{sallysTask}/complete",
            new() { DataObject = new { comment = "done", assignee = Users.Sally } }), 400, "invalid_request");
        Assert.Contains("assignee", unmapped.GetProperty("detail").GetString());

        // Sam's tasks, open or completed, do not exist for her: the answer does not tell which ids are real.
        var unknownId = Guid.NewGuid().ToString("N");
        var unknown = await ProblemAsync(await api.PostAsync($"/api/tasks/{unknownId}/complete", new() { DataObject = new { comment = "x" } }), 404, "not_found");
        foreach (var task in new[] { samsTask, samsDoneTask })
        {
            var refused = await ProblemAsync(await api.PostAsync($"/api/tasks/{task}/complete", new() { DataObject = new { comment = "x" } }), 404, "not_found");
            Assert.Equal(unknown.GetProperty("detail").GetString()!.Replace(unknownId, "ID", StringComparison.Ordinal),
                refused.GetProperty("detail").GetString()!.Replace(task, "ID", StringComparison.Ordinal));
            await ProblemAsync(await api.PostAsync($"/api/tasks/{task}/claim"), 404, "not_found");
        }

        var sam = await server.Onboarding.DetailAsync(sams);
        Assert.Contains(sam.GetProperty("waitingTasks").EnumerateArray(), t => t.GetProperty("id").GetString() == samsTask);
        Assert.Null(await server.Server.WithDbAsync(db => db.Set<TaskClaim>().FirstOrDefaultAsync(c => c.TaskId == samsTask)));
        var sally = await server.Onboarding.DetailAsync(sallys);
        Assert.Equal("DocumentCollection", sally.GetProperty("application").GetProperty("stage").GetString());
    });

    /// <summary>A form as the page's upload form sends it: type, expiry and the file.</summary>
    private static IFormData Upload(IAPIRequestContext api, string type = "BankReference", byte[]? content = null, string fileName = "bank.pdf")
    {
        var form = api.CreateFormData();
        form.Set("type", type);
        form.Set("expiry", "2030-12-31");
        form.Set("file", new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = content ?? Onboarding.Pdf });
        return form;
    }

    /// <summary>Asserts a problem+json answer with the status and code and, when given, an error at <paramref name="field"/>; returns the problem.</summary>
    private static async Task<JsonElement> ProblemAsync(IAPIResponse response, int status, string code, string? field = null)
    {
        var body = await response.TextAsync();
        Assert.True(response.Status == status, $"expected {status} {code}, got {response.Status}: {body}");
        Assert.StartsWith("application/problem+json", response.Headers["content-type"], StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), body);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"no error at {field}: {body}");
        }

        return problem;
    }
}
