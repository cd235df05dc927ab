using System.Net;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>GET /api/workflow-instances/{id}/diagram: the BPMN XML of the instance's version, for whoever may see the case.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class InstanceDiagramFacts : IAsyncLifetime
{
    private OnboardingServer _server = null!;
    private Guid _instance;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start();
        await _server.SeedUsersAsync();
        var flow = new Onboarding(_server);
        var application = await flow.SubmitAsync(Users.Sally, Onboarding.Low);
        var detail = await flow.DetailAsync(application);
        _instance = detail.GetProperty("application").GetProperty("instanceId").GetGuid();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_analyst_gets_the_xml_of_the_version_the_instance_runs()
    {
        using var analyst = await _server.As(Users.Ana);
        var response = await analyst.GetAsync($"/api/workflow-instances/{_instance}/diagram");
        await Http.Ensure(response, HttpStatusCode.OK);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Private, $"Cache-Control: {response.Headers.CacheControl}");
        var xml = await response.Content.ReadAsStringAsync();
        Assert.Contains("<bpmn:process id=\"customerOnboarding\"", xml);
        Assert.Contains("id=\"collectDocuments\"", xml);
        Assert.Contains("<bpmndi:BPMNDiagram", xml);
    }

    [Fact]
    public async Task The_maker_gets_the_diagram_of_their_own_case()
    {
        using var maker = await _server.As(Users.Sally);
        await Http.Ensure(await maker.GetAsync($"/api/workflow-instances/{_instance}/diagram"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_salesperson_gets_not_found_for_a_case_they_did_not_make()
    {
        using var other = await _server.As(Users.Sam);
        await Http.Problem(await other.GetAsync($"/api/workflow-instances/{_instance}/diagram"), HttpStatusCode.NotFound, "not_found");
        await Http.Problem(await other.GetAsync($"/api/workflow-instances/{_instance}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task An_unknown_instance_is_not_found()
    {
        using var analyst = await _server.As(Users.Ana);
        await Http.Problem(await analyst.GetAsync($"/api/workflow-instances/{Guid.NewGuid()}/diagram"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task An_anonymous_caller_is_unauthorized()
    {
        using var anonymous = _server.Anonymous();
        await Http.Problem(await anonymous.GetAsync($"/api/workflow-instances/{_instance}/diagram"), HttpStatusCode.Unauthorized, "unauthorized");
    }
}
