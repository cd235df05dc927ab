using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Application.Workflow;

namespace OnboardingWorkflow.Server.Api;

/// <summary>
/// Migrating running instances to a newer version of their process: preview a plan, start a batch
/// (answered at once with 202; a background job moves the instances), follow its progress. Admin only.
/// </summary>
public static class InstanceMigrationsApi
{
    /// <summary>A plan and the page of instances to show checks for (1-based).</summary>
    public sealed record PreviewRequest(string? ProcessKey, int FromVersion, int ToVersion, Dictionary<string, string>? Mapping, int Page = 1, int PageSize = 50);

    /// <summary>A plan and the instances to move; none named takes every running instance of the version.</summary>
    public sealed record StartRequest(string? ProcessKey, int FromVersion, int ToVersion, Dictionary<string, string>? Mapping, List<Guid>? InstanceIds);

    public static RouteGroupBuilder MapInstanceMigrationsApi(this RouteGroupBuilder api)
    {
        var migrations = api.MapGroup("/workflow-migrations").WithTags("Workflow migrations").RequireAuthorization(Policies.Admin);
        migrations.MapPost("/preview", PreviewAsync)
            .WithSummary("Tries a migration plan on every running instance of its version: counts, and per instance of one page whether it can move and what happens to each waiting element (Admin).");
        migrations.MapPost("/", StartAsync).WithSummary("Starts a migration batch; answers 202 with the batch at once, a background job moves the instances (Admin).");
        migrations.MapGet("/{id:guid}", GetAsync).WithSummary("A migration batch with its progress and the instances that did not move, with the reason (Admin).");
        migrations.MapGet("/", ListAsync).WithSummary("Migration batches of one process (processKey) or of all, newest first (Admin).");
        return api;
    }

    public static async Task<Ok<MigrationPreview>> PreviewAsync(PreviewRequest request, ClaimsPrincipal principal, InstanceMigrations migrations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await migrations.PreviewAsync(ApiUser.Of(principal), new MigrationPlan(request.ProcessKey!, request.FromVersion, request.ToVersion, request.Mapping),
            request.Page, request.PageSize, cancellationToken));

    public static async Task<Accepted<MigrationBatchView>> StartAsync(StartRequest request, ClaimsPrincipal principal, InstanceMigrations migrations, CancellationToken cancellationToken)
    {
        var batch = await migrations.StartAsync(ApiUser.Of(principal), new MigrationPlan(request.ProcessKey!, request.FromVersion, request.ToVersion, request.Mapping),
            request.InstanceIds, cancellationToken);
        return TypedResults.Accepted($"/api/workflow-migrations/{batch.Id}", batch);
    }

    public static async Task<Ok<MigrationBatchView>> GetAsync(Guid id, ClaimsPrincipal principal, InstanceMigrations migrations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await migrations.GetAsync(ApiUser.Of(principal), id, cancellationToken));

    public static async Task<Ok<IReadOnlyList<MigrationBatchView>>> ListAsync(string? processKey, ClaimsPrincipal principal, InstanceMigrations migrations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await migrations.ListAsync(ApiUser.Of(principal), processKey, cancellationToken));
}
