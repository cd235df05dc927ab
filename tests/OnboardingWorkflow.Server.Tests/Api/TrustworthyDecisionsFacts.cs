using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>
/// The probes of a user with a valid login who sends what the form did not offer: each is
/// refused (or routed) with a stable code, and nothing changes.
/// </summary>
[Collection(HangfireHostCollection.Name)]
public abstract class TrustworthyDecisionsFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;
    private Onboarding _flow = null!;

    protected abstract Task<OnboardingServer> StartServerAsync();

    public async Task InitializeAsync()
    {
        _server = await StartServerAsync();
        await _server.SeedUsersAsync();
        _flow = new Onboarding(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonElement> InstanceAsync(Guid applicationId, string reader = Users.Audrey)
    {
        var instanceId = (await _flow.DetailAsync(applicationId)).GetProperty("application").GetProperty("instanceId").GetGuid();
        using var client = await _server.As(reader);
        return await Http.Json(await client.GetAsync($"/api/workflow-instances/{instanceId}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_salesperson_cannot_set_the_limit_or_the_site_visit_threshold_through_document_collection()
    {
        var profile = Onboarding.Low;
        var id = await _flow.SubmitAsync(Users.Sally, profile);
        using (var sales = await _server.As(Users.Sally))
        {
            foreach (var type in new[] { "BusinessLicence", "FinancialStatements", "BankReference" })
            {
                await Http.Ensure(await sales.PostAsync($"/api/applications/{id}/documents", Onboarding.Upload(type, Onboarding.Pdf, expiry: "2030-12-31")), HttpStatusCode.Created);
            }
        }

        var before = await InstanceAsync(id);
        var task = await _flow.TaskIdAsync(id, "collectDocuments");
        var problem = await Http.Problem(await _flow.TryCompleteAsync(Users.Sally, task, new { variables = new { approvedLimit = 900_000_000, siteVisitThreshold = 1e15 } }),
            HttpStatusCode.BadRequest, "task_contract_violation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("approvedLimit", out _), problem.ToString());
        Assert.Contains("set by the process", problem.GetProperty("errors").GetProperty("siteVisitThreshold")[0].GetString());
        await Http.Problem(await _flow.TryCompleteAsync(Users.Sally, task, new { variables = new { siteVisitThreshold = 1 } }), HttpStatusCode.BadRequest, "protected_variable");

        var after = await InstanceAsync(id);
        Assert.Equal(before.GetProperty("variables").ToString(), after.GetProperty("variables").ToString());
        Assert.Equal(500_000m, after.GetProperty("variables").GetProperty("siteVisitThreshold").GetDecimal());
        Assert.Equal("DocumentCollection", (await _flow.DetailAsync(id)).GetProperty("application").GetProperty("stage").GetString());
        Assert.Equal(task, await _flow.TaskIdAsync(id, "collectDocuments"));
    }

    [Fact]
    public async Task An_analyst_cannot_approve_more_than_was_asked_and_nothing_is_contracted()
    {
        var profile = Onboarding.Low;
        var id = await _flow.SubmitAsync(Users.Sally, profile);
        await _flow.CollectDocumentsAsync(Users.Sally, id, profile);
        await _flow.ReviewAndDiligenceAsync(id, profile);
        var task = await _flow.TaskIdAsync(id, "approveAnalyst");

        var problem = await Http.Problem(await _flow.TryCompleteAsync(Users.Alan, task, new { decision = "approve", variables = new { approvedLimit = 50_000_000 } }),
            HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("requested limit", problem.GetProperty("errors").GetProperty("approvedLimit")[0].GetString());
        await Http.Problem(await _flow.TryCompleteAsync(Users.Alan, task, new { decision = "approve", variables = new { approvedLimit = "lots" } }),
            HttpStatusCode.BadRequest, "task_contract_violation");
        await Http.Problem(await _flow.TryCompleteAsync(Users.Alan, task, new { decision = "approve", variables = new { approvedLimit = 2_000_000_000_000m } }),
            HttpStatusCode.BadRequest, "task_contract_violation");

        var detail = await _flow.DetailAsync(id);
        Assert.Equal("Approval", detail.GetProperty("application").GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("contract").ValueKind);
        Assert.DoesNotContain(detail.GetProperty("decisions").EnumerateArray(), d => d.GetProperty("outcome").GetString() == "Approve");
    }

    [Fact]
    public async Task Above_the_recommendation_needs_a_reason_and_the_committee_grants_its_lowest_amount_exactly()
    {
        var profile = Onboarding.High;
        var id = await _flow.SubmitAsync(Users.Sally, profile);
        await _flow.CollectDocumentsAsync(Users.Sally, id, profile);
        await _flow.ReviewAndDiligenceAsync(id, profile);
        var scored = await _flow.DetailAsync(id);
        var recommended = scored.GetProperty("score").GetProperty("recommendedLimit").GetDecimal();
        Assert.True(recommended < 40_000.55m, $"the high-risk profile should be recommended below 40,000.55, was {recommended}");

        var rayTask = await _flow.TaskIdAsync(id, "approveCommittee", Users.Ray);
        var problem = await Http.Problem(await _flow.TryCompleteAsync(Users.Ray, rayTask, new { decision = "approve", variables = new { approvedLimit = 40_000.55m } }),
            HttpStatusCode.BadRequest, "limit_above_recommendation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("limitReason", out _));

        await Http.Ensure(await _flow.TryCompleteAsync(Users.Ray, rayTask,
            new { decision = "approve", variables = new { approvedLimit = 40_000.55m, limitReason = "parent company guarantee" } }), HttpStatusCode.OK);
        await Http.Ensure(await _flow.TryCompleteAsync(Users.Rita, await _flow.TaskIdAsync(id, "approveCommittee", Users.Rita),
            new { decision = "approve", variables = new { approvedLimit = 50_000m, limitReason = "guarantee" } }), HttpStatusCode.OK);

        var contracted = await _flow.DetailAsync(id);
        Assert.Equal(40_000.55m, contracted.GetProperty("contract").GetProperty("creditLimit").GetDecimal());
        Assert.Equal(40_000.55m, contracted.GetProperty("application").GetProperty("approvedLimit").GetDecimal());
    }

    [Fact]
    public async Task An_expired_document_cannot_be_verified_and_the_review_cannot_complete_without_verification()
    {
        var profile = Onboarding.Low;
        var id = await _flow.SubmitAsync(Users.Sally, profile);
        using (var sales = await _server.As(Users.Sally))
        {
            await Http.Ensure(await sales.PostAsync($"/api/applications/{id}/documents", Onboarding.Upload("BusinessLicence", Onboarding.Pdf, expiry: "2001-01-01")), HttpStatusCode.Created);
            await Http.Ensure(await sales.PostAsync($"/api/applications/{id}/documents", Onboarding.Upload("FinancialStatements", Onboarding.Pdf, expiry: "2030-12-31")), HttpStatusCode.Created);
            await Http.Ensure(await sales.PostAsync($"/api/applications/{id}/documents", Onboarding.Upload("BankReference", Onboarding.Pdf)), HttpStatusCode.Created);
            await Http.Problem(await sales.PostAsync($"/api/applications/{id}/documents", Onboarding.Upload("TaxRecords", Onboarding.Pdf, expiry: "2199-01-01")), HttpStatusCode.BadRequest, "invalid_request");
        }

        await Http.Ensure(await _flow.TryCompleteAsync(Users.Sally, await _flow.TaskIdAsync(id, "collectDocuments"), new { }), HttpStatusCode.OK);
        var documents = (await _flow.DetailAsync(id)).GetProperty("documents").EnumerateArray().ToList();
        var licence = documents.Single(d => d.GetProperty("type").GetString() == "BusinessLicence").GetProperty("id").GetGuid();
        using (var ana = await _server.As(Users.Ana))
        {
            var expired = await Http.Problem(await ana.PostAsJsonAsync($"/api/applications/{id}/documents/{licence}/verify", new { }), HttpStatusCode.Conflict, "document_expired");
            Assert.Contains("2001-01-01", expired.GetProperty("detail").GetString());
            await Http.Problem(await ana.PostAsJsonAsync($"/api/applications/{id}/documents/{licence}/reject", new { }), HttpStatusCode.BadRequest, "invalid_request");
        }

        var review = await _flow.TaskIdAsync(id, "reviewDocuments");
        await Http.Problem(await _flow.TryCompleteAsync(Users.Ana, review, new { decision = "complete" }), HttpStatusCode.Conflict, "invalid_state");
        using (var sally = await _server.As(Users.Sally))
        {
            // The maker never reviews her own case, whatever she sends.
            await Http.Problem(await sally.PostAsJsonAsync($"/api/applications/{id}/documents/{licence}/verify", new { }), HttpStatusCode.Forbidden, "forbidden");
        }

        var after = (await _flow.DetailAsync(id)).GetProperty("documents").EnumerateArray();
        Assert.All(after, d => Assert.Equal("Pending", d.GetProperty("verification").GetString()));

        using (var ana = await _server.As(Users.Ana))
        {
            await Http.Ensure(await ana.PostAsJsonAsync($"/api/applications/{id}/documents/{licence}/reject", new { reason = "expired in 2001" }), HttpStatusCode.OK);
        }

        await Http.Ensure(await _flow.TryCompleteAsync(Users.Ana, review, new { decision = "return", comment = "a current business licence, please" }), HttpStatusCode.OK);
        var back = await _flow.DetailAsync(id);
        Assert.Equal("DocumentCollection", back.GetProperty("application").GetProperty("stage").GetString());
        Assert.Contains("BusinessLicence", back.GetProperty("missingDocuments").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("a current business licence, please", (await InstanceAsync(id)).GetProperty("variables").GetProperty("returnReason").GetString());
    }

    [Fact]
    public async Task A_maker_who_is_also_an_analyst_reviews_no_document_records_no_finding_and_completes_no_review_of_her_own_case()
    {
        const string dual = "analyst-maker@owf.test";
        using (var admin = await _server.As(Users.Admin))
        {
            await Http.Ensure(await admin.PostAsJsonAsync("/api/users", new { email = dual, password = OnboardingServer.Password, roles = new[] { "Sales", "CreditAnalyst" } }),
                HttpStatusCode.Created);
        }

        var profile = Onboarding.Low;
        var id = await _flow.SubmitAsync(dual, profile);
        await _flow.CollectDocumentsAsync(dual, id, profile);
        var document = (await _flow.DetailAsync(id)).GetProperty("documents")[0].GetProperty("id").GetGuid();
        using (var maker = await _server.As(" Analyst-Maker@OWF.test ".Trim()))
        {
            await Http.Problem(await maker.PostAsJsonAsync($"/api/applications/{id}/documents/{document}/verify", new { }), HttpStatusCode.Forbidden, "maker_checker_violation");
            await Http.Problem(await maker.PostAsJsonAsync($"/api/applications/{id}/findings", new { kind = "Litigation", description = "none found" }),
                HttpStatusCode.Forbidden, "maker_checker_violation");
        }

        await _flow.VerifyDocumentsAsync(id);
        var review = await _flow.TaskIdAsync(id, "reviewDocuments");
        await Http.Problem(await _flow.TryCompleteAsync(dual, review, new { decision = "complete" }), HttpStatusCode.Forbidden, "maker_checker_violation");
        await Http.Ensure(await _flow.TryCompleteAsync(Users.Ana, review, new { decision = "complete" }), HttpStatusCode.OK);
        var findings = await _flow.TaskIdAsync(id, "recordFindings");
        await Http.Problem(await _flow.TryCompleteAsync(dual, findings, new { variables = profile.Questionnaire }), HttpStatusCode.Forbidden, "maker_checker_violation");
        Assert.Equal("DueDiligence", (await _flow.DetailAsync(id)).GetProperty("application").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Another_salesperson_reads_neither_the_instance_nor_the_customer_file_even_after_a_duplicate_application()
    {
        var registration = "91LEAK" + Guid.NewGuid().ToString("N")[..8];
        var sallys = await _flow.SubmitAsync(Users.Sally, Onboarding.Low, registration: registration);
        var detail = await _flow.DetailAsync(sallys);
        var instanceId = detail.GetProperty("application").GetProperty("instanceId").GetGuid();
        var customerId = detail.GetProperty("application").GetProperty("customerId").GetGuid();
        var sams = await _flow.SubmitAsync(Users.Sam, Onboarding.Low, registration: registration);

        using var sam = await _server.As(Users.Sam);
        await Http.Problem(await sam.GetAsync($"/api/workflow-instances/{instanceId}"), HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await sam.GetAsync($"/api/customers/{customerId}"), HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await sam.GetAsync($"/api/applications/{sallys}"), HttpStatusCode.NotFound, "not_found");
        await Http.Ensure(await sam.GetAsync($"/api/applications/{sams}"), HttpStatusCode.OK);
        Assert.DoesNotContain((await Http.Json(await sam.GetAsync("/api/tasks"), HttpStatusCode.OK)).EnumerateArray(),
            t => t.GetProperty("applicationId").GetString() == sallys.ToString());

        using var sally = await _server.As(Users.Sally);
        await Http.Ensure(await sally.GetAsync($"/api/workflow-instances/{instanceId}"), HttpStatusCode.OK);
        await Http.Ensure(await sally.GetAsync($"/api/customers/{customerId}"), HttpStatusCode.OK);
        var reads = await _server.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.Actor == Users.Sally && e.EntityId == instanceId.ToString()).Select(e => e.Action).ToListAsync());
        Assert.Equal(["instance.read"], reads);
    }

    [Fact]
    public async Task Two_simultaneous_applications_for_one_new_registration_number_never_fail_with_500()
    {
        for (var round = 0; round < 5; round++)
        {
            var registration = "91RACE" + Guid.NewGuid().ToString("N")[..8];
            using var sally = await _server.As(Users.Sally);
            using var sam = await _server.As(Users.Sam);
            object Body(string name) => new { name, registrationNumber = registration, foundedOn = "2005-01-01", requestedLimit = 50_000, termsDays = 30 };
            var responses = await Task.WhenAll(sally.PostAsJsonAsync("/api/applications", Body("Race A")), sam.PostAsJsonAsync("/api/applications", Body("Race B")));

            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.Conflict, $"round {round}: {string.Join(", ", statuses)}"));
            Assert.Contains(HttpStatusCode.Created, statuses);
            foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                await Http.Problem(conflict, HttpStatusCode.Conflict, "duplicate");
            }

            Assert.Equal(1, await _server.WithDbAsync(db => db.Set<Customer>().CountAsync(c => c.RegistrationNumber == registration)));
            var applications = await _server.WithDbAsync(db => db.Set<OnboardingApplication>()
                .Join(db.Set<Customer>(), a => a.CustomerId, c => c.Id, (a, c) => new { a, c }).Where(x => x.c.RegistrationNumber == registration).Select(x => x.a).ToListAsync());
            Assert.Equal(statuses.Count(s => s == HttpStatusCode.Created), applications.Count);
            Assert.All(applications, a => Assert.NotNull(a.InstanceId));
        }
    }

    [Fact]
    public async Task Implausible_input_is_refused_with_the_field_named()
    {
        using var sales = await _server.As(Users.Sally);
        async Task Refused(object body, string field)
        {
            var problem = await Http.Problem(await sales.PostAsJsonAsync("/api/applications", body), HttpStatusCode.BadRequest, "invalid_request");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} not named: {problem}");
        }

        await Refused(new { name = "Future Ltd", registrationNumber = "91FUT", foundedOn = "9999-12-31", requestedLimit = 1000 }, "foundedOn");
        await Refused(new { name = "ACME\u202Egnp.exe", registrationNumber = "91BIDI", requestedLimit = 1000 }, "name");
        await Refused(new { name = "Tab Ltd", registrationNumber = "91\u0007X", requestedLimit = 1000 }, "registrationNumber");
        await Refused(new { name = "Huge Ltd", registrationNumber = "91HUGE", requestedLimit = 1e15m }, "requestedLimit");
        await Refused(new { name = "Terms Ltd", registrationNumber = "91TERM", requestedLimit = 1000, termsDays = 4000 }, "termsDays");
        var extra = await Http.Problem(await sales.PostAsJsonAsync("/api/applications", new { name = "Extra Ltd", registrationNumber = "91EXTRA", requestedLimit = 1000, approvedLimit = 1e9 }),
            HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("approvedLimit", extra.GetProperty("detail").GetString());
        Assert.Equal(0, await _server.WithDbAsync(db => db.Set<Customer>().CountAsync()));

        var id = await _flow.SubmitAsync(Users.Sally, Onboarding.Low);
        var old = new { currency = "CNY", years = new[] { new { year = 1850, totalAssets = 100, totalLiabilities = 50, equity = 50, revenue = 10 } } };
        var statements = await Http.Problem(await sales.PostAsJsonAsync($"/api/applications/{id}/financial-statements", old), HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains(statements.GetProperty("errors").EnumerateObject(), e => e.Name.EndsWith(".year", StringComparison.Ordinal));

        var broken = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nBankReference\r\n--xyz\r\nContent-Disp", Encoding.UTF8);
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        await Http.Problem(await sales.PostAsync($"/api/applications/{id}/documents", broken), HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(0, await _server.WithDbAsync(db => db.Set<Document>().CountAsync()));
    }

    [Fact]
    public async Task Money_keeps_its_cents_from_the_request_to_the_case()
    {
        using var sales = await _server.As(Users.Sally);
        var created = await Http.Json(await sales.PostAsJsonAsync("/api/applications",
            new { name = "Cents Ltd", registrationNumber = "91CENTS" + Guid.NewGuid().ToString("N")[..6], foundedOn = "2005-01-01", requestedLimit = 123_456_789.01m }),
            HttpStatusCode.Created);
        Assert.Equal(123_456_789.01m, created.GetProperty("application").GetProperty("requestedLimit").GetDecimal());
        var id = created.GetProperty("application").GetProperty("id").GetGuid();
        Assert.Equal("123456789.01", (await InstanceAsync(id)).GetProperty("variables").GetProperty("requestedLimit").GetRawText());
    }
}

/// <summary>The probes on the embedded default database.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class TrustworthyDecisionsOnSqliteFacts : TrustworthyDecisionsFacts
{
    protected override Task<OnboardingServer> StartServerAsync() => Task.FromResult(OnboardingServer.Start());

    [Fact]
    public async Task A_submission_whose_workflow_cannot_start_leaves_no_application_and_no_customer()
    {
        await using var server = OnboardingServer.Start(new Dictionary<string, string?> { ["Workflow:DeployOnStartup"] = "false" });
        await server.SeedUsersAsync();
        using var sales = await server.As(Users.Sally);
        var response = await sales.PostAsJsonAsync("/api/applications", new { name = "Orphan Ltd", registrationNumber = "91ORPHAN", requestedLimit = 1000 });

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(0, await server.WithDbAsync(db => db.Set<OnboardingApplication>().CountAsync()));
        Assert.Equal(0, await server.WithDbAsync(db => db.Set<Customer>().CountAsync()));
    }

    [Fact]
    public async Task Uploads_a_crash_interrupted_are_finished_or_removed_at_the_next_start()
    {
        var server = OnboardingServer.Start();
        await server.SeedUsersAsync();
        var flow = new Onboarding(server);
        var id = await flow.SubmitAsync(Users.Sally, Onboarding.Low);
        using (var sales = await server.As(Users.Sally))
        {
            await Http.Ensure(await sales.PostAsync($"/api/applications/{id}/documents", Onboarding.Upload("BankReference", Onboarding.Pdf)), HttpStatusCode.Created);
        }

        // A crash after the commit and before the move leaves the committed file under its temporary name;
        // a crash before the commit leaves a temporary file no row knows.
        var stored = await server.WithDbAsync(db => db.Set<Document>().SingleAsync(d => d.ApplicationId == id));
        var finalPath = Path.Combine(server.DataDirectory, stored.StoragePath);
        File.Move(finalPath, finalPath + ".partial");
        var orphan = Path.Combine(server.DataDirectory, "documents", id.ToString("N"), Guid.NewGuid().ToString("N") + ".partial");
        await File.WriteAllBytesAsync(orphan, Onboarding.Pdf);

        var restarted = OnboardingServer.Restart(server);
        await server.DisposeAsync();
        await using (restarted)
        {
            Assert.True(File.Exists(finalPath));
            Assert.False(File.Exists(finalPath + ".partial"));
            Assert.False(File.Exists(orphan));
            using var auditor = await restarted.As(Users.Audrey);
            Assert.Equal(Onboarding.Pdf, await auditor.GetByteArrayAsync($"/api/applications/{id}/documents/{stored.Id}"));
        }
    }

    [Fact]
    public async Task An_incident_shows_its_cause_through_the_api_and_a_retry_is_audited()
    {
        await using var server = OnboardingServer.Start();
        await server.SeedUsersAsync();
        const string failing = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="nightlyCheck" isExecutable="true">
                <bpmn:startEvent id="nightly"><bpmn:outgoing>f1</bpmn:outgoing>
                  <bpmn:timerEventDefinition><bpmn:timeDate>2026-03-02T10:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition>
                </bpmn:startEvent>
                <bpmn:serviceTask id="check" camunda:delegateExpression="${noSuchHandler}"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
                <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="nightly" targetRef="check" />
                <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        using (var admin = await server.As(Users.Admin))
        {
            await Http.Ensure(await admin.PostAsync("/api/workflows", new StringContent(failing, Encoding.UTF8, "application/xml")), HttpStatusCode.Created);
        }

        server.Advance(TimeSpan.FromHours(2));
        await server.RunDueJobsAsync();

        using var manager = await server.As(Users.Mia);
        var incidents = await Http.Json(await manager.GetAsync("/api/incidents?processKey=nightlyCheck"), HttpStatusCode.OK);
        var incident = Assert.Single(incidents.EnumerateArray());
        Assert.Equal(("check", "HandlerNotFound"), (incident.GetProperty("elementId").GetString(), incident.GetProperty("code").GetString()));
        Assert.Contains("noSuchHandler", incident.GetProperty("message").GetString());

        using var admin2 = await server.As(Users.Admin);
        var instanceId = incident.GetProperty("instanceId").GetGuid();
        var retried = await Http.Json(await admin2.PostAsync($"/api/workflow-instances/{instanceId}/incidents/{incident.GetProperty("incidentId").GetString()}/retry", null),
            HttpStatusCode.OK);
        Assert.Equal("HandlerNotFound", Assert.Single(retried.EnumerateArray()).GetProperty("code").GetString());
        await Http.Problem(await admin2.PostAsync($"/api/workflow-instances/{instanceId}/incidents/nope/retry", null), HttpStatusCode.NotFound, "incident_not_found");
        Assert.Equal(1, await server.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.Action == "incident.retried" && e.Actor == Users.Admin)));
    }
}

/// <summary>The probes on PostgreSQL.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class TrustworthyDecisionsOnPostgreSqlFacts : TrustworthyDecisionsFacts
{
    protected override Task<OnboardingServer> StartServerAsync() => OnboardingServer.StartOnPostgreSqlAsync();
}
