using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>A person withdraws an open application through HTTP: who may, until when, and what the case and the instance look like after.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class WithdrawalFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;
    private Onboarding _flow = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start();
        await _server.SeedUsersAsync();
        _flow = new Onboarding(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<HttpResponseMessage> WithdrawAsync(string user, Guid application, object body)
    {
        using var client = await _server.As(user);
        return await client.PostAsJsonAsync($"/api/applications/{application}/withdraw", body);
    }

    [Fact]
    public async Task The_maker_withdraws_an_open_application_and_the_instance_ends_with_its_tasks()
    {
        var id = await _flow.SubmitAsync(Users.Sally, Onboarding.Low);
        Assert.NotEmpty((await _flow.DetailAsync(id)).GetProperty("waitingTasks").EnumerateArray());

        var detail = await Http.Json(await WithdrawAsync(Users.Sally, id, new { reason = "the customer chose another supplier" }), HttpStatusCode.OK);

        Assert.Equal("Withdrawn", detail.GetProperty("application").GetProperty("status").GetString());
        Assert.Equal("Completed", detail.GetProperty("application").GetProperty("stage").GetString());
        Assert.Empty(detail.GetProperty("waitingTasks").EnumerateArray());
        var decision = detail.GetProperty("decisions").EnumerateArray().Last();
        Assert.Equal(("Withdrawn", Users.Sally, "the customer chose another supplier"),
            (decision.GetProperty("outcome").GetString(), decision.GetProperty("decidedBy").GetString(), decision.GetProperty("comment").GetString()));
        var audited = await _server.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.EntityId == id.ToString() && e.Action == "decision.Withdrawn"));
        Assert.Equal(1, audited);
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
            var instance = await engine.GetInstanceAsync(detail.GetProperty("application").GetProperty("instanceId").GetGuid());
            Assert.Equal(InstanceStatus.Terminated, instance!.Status);
        }

        // Once withdrawn, it stays withdrawn: a second attempt is a conflict.
        await Http.Problem(await WithdrawAsync(Users.Mia, id, new { reason = "again" }), HttpStatusCode.Conflict, "invalid_state");
    }

    [Fact]
    public async Task A_credit_manager_may_withdraw_and_the_maker_is_told()
    {
        var id = await _flow.SubmitAsync(Users.Sally, Onboarding.Low);

        await Http.Ensure(await WithdrawAsync(Users.Mia, id, new { reason = "customer asked us by phone" }), HttpStatusCode.OK);

        var mails = await _server.WithDbAsync(db => db.Set<Data.Email.OutboxMessage>().CountAsync(m => m.CorrelationId == id.ToString() && m.Category == "onboarding.withdrawn"));
        Assert.Equal(1, mails);
    }

    [Theory]
    [InlineData(Users.Ana, HttpStatusCode.Forbidden, "forbidden")]
    [InlineData(Users.Audrey, HttpStatusCode.Forbidden, "forbidden")]
    [InlineData(Users.Sam, HttpStatusCode.NotFound, "not_found")]
    public async Task Others_may_not_withdraw(string user, HttpStatusCode status, string code)
    {
        var id = await _flow.SubmitAsync(Users.Sally, Onboarding.Low);

        await Http.Problem(await WithdrawAsync(user, id, new { reason = "not mine" }), status, code);

        Assert.Equal("InProgress", (await _flow.DetailAsync(id)).GetProperty("application").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_reason_is_required()
    {
        var id = await _flow.SubmitAsync(Users.Sally, Onboarding.Low);

        var problem = await Http.Problem(await WithdrawAsync(Users.Sally, id, new { reason = " " }), HttpStatusCode.BadRequest, "invalid_request");

        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _), problem.ToString());
    }

    [Fact]
    public async Task An_approved_application_is_no_longer_withdrawn()
    {
        var id = await _flow.SubmitAsync(Users.Sally, Onboarding.Low);
        await _flow.CollectDocumentsAsync(Users.Sally, id, Onboarding.Low);
        await _flow.ReviewAndDiligenceAsync(id, Onboarding.Low);
        await _flow.CompleteAsync(Users.Alan, id, "approveAnalyst", new { decision = "approve", comment = "fine" });

        await Http.Problem(await WithdrawAsync(Users.Sally, id, new { reason = "too late" }), HttpStatusCode.Conflict, "invalid_state");
    }
}
