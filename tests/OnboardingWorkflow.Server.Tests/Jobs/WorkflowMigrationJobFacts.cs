using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OnboardingWorkflow.Application.Workflow;
using OnboardingWorkflow.Server.Jobs;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Jobs;

/// <summary>
/// The migration job: a started batch is queued once, run directly it finishes, running it again
/// changes nothing, and batches a stopped server left unfinished are queued again at start.
/// </summary>
[Collection(HangfireHostCollection.Name)]
public sealed class WorkflowMigrationJobFacts : IAsyncLifetime
{
    private readonly RecordingQueue _queue = new();
    private OnboardingServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start(services: s => s.Replace(ServiceDescriptor.Singleton<IMigrationBatchQueue>(_queue)));
        await _server.SeedUsersAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Unfinished_batches_are_queued_again_and_a_finished_one_is_left_alone()
    {
        using var admin = await _server.As(Users.Admin);
        var shipped = File.ReadAllText(RepositoryRoot.Combine("workflows", "customer-onboarding.bpmn"));
        var deployed = await Http.Json(await admin.PostAsync("/api/workflows",
            new StringContent(shipped.Replace("name=\"Collect documents\"", "name=\"Collect documents now\"", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/xml")),
            HttpStatusCode.Created);
        var to = deployed.GetProperty("processes")[0].GetProperty("version").GetInt32();
        var batch = await Http.Json(await admin.PostAsJsonAsync("/api/workflow-migrations", new { processKey = "customerOnboarding", fromVersion = to - 1, toVersion = to }),
            HttpStatusCode.Accepted);
        var id = batch.GetProperty("id").GetGuid();
        Assert.Equal([id], _queue.Enqueued);

        Assert.Equal(1, await WorkflowMigrationJob.ResumeUnfinishedAsync(_server.Services, CancellationToken.None));
        Assert.Equal([id, id], _queue.Enqueued);

        MigrationBatchView done;
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<WorkflowMigrationJob>();
            done = await job.RunAsync(id, CancellationToken.None);
            Assert.Equal(done.FinishedAt, (await job.RunAsync(id, CancellationToken.None)).FinishedAt);
        }

        Assert.Equal(("Completed", 0), (done.State, done.Total));
        Assert.Equal(0, await WorkflowMigrationJob.ResumeUnfinishedAsync(_server.Services, CancellationToken.None));
    }

    private sealed class RecordingQueue : IMigrationBatchQueue
    {
        public List<Guid> Enqueued { get; } = [];

        public void Enqueue(Guid batchId) => Enqueued.Add(batchId);
    }
}
