using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Workflow;

namespace OnboardingWorkflow.Server.Api;

/// <summary>
/// Drafts of approval flows, as the designer keeps them: create, save, propose, return, publish
/// (four-eyes), discard, and the XML for export. Admin only. Every answer carries the findings of
/// validating the draft, each at its element and line.
/// </summary>
public static class WorkflowDraftsApi
{
    /// <summary>A new draft: the BPMN XML and an optional comment (what the change is for).</summary>
    public sealed record CreateDraftRequest(string? Xml, string? Comment);

    /// <summary>A draft from a deployed version (the latest when none is given) and an optional comment.</summary>
    public sealed record DraftFromVersionRequest(string? ProcessKey, int? Version, string? Comment);

    /// <summary>A save: the XML, an optional comment, and the revision the editor loaded.</summary>
    public sealed record SaveDraftRequest(string? Xml, string? Comment, int Revision);

    /// <summary>A step on a draft, at the revision the admin looked at.</summary>
    public sealed record DraftStepRequest(int Revision);

    public static RouteGroupBuilder MapWorkflowDraftsApi(this RouteGroupBuilder api)
    {
        var drafts = api.MapGroup("/workflow-drafts").WithTags("Workflow drafts").RequireAuthorization(Policies.Admin);
        drafts.MapGet("/", ListAsync).WithSummary("Drafts of one process (processKey) or of all, newest change first (Admin).");
        drafts.MapPost("/", CreateAsync).WithSummary("Starts a draft from BPMN XML with one executable process; answers its validation findings (Admin).");
        drafts.MapPost("/from-version", FromVersionAsync).WithSummary("Starts a draft as a copy of a deployed version, the latest when none is given (Admin).");
        drafts.MapGet("/{id:guid}", GetAsync).WithSummary("A draft with its XML and its validation findings (Admin).");
        drafts.MapGet("/{id:guid}/xml", XmlAsync).WithSummary("A draft's BPMN XML, as a file to open in another modeler (Admin).");
        drafts.MapGet("/{id:guid}/diff", DiffAsync)
            .WithSummary("What the draft changes against a version (against; else the version it started from, else the latest); a draft with errors diffs too (Admin).");
        drafts.MapPut("/{id:guid}", SaveAsync).WithSummary("Saves a draft's XML at the revision the editor loaded; a draft with errors is kept but cannot be proposed (Admin).");
        drafts.MapPost("/{id:guid}/propose", ProposeAsync).WithSummary("Puts a draft without errors up for another admin's review (Admin).");
        drafts.MapPost("/{id:guid}/return", ReturnAsync).WithSummary("Sends a proposed draft back to editing (Admin).");
        drafts.MapPost("/{id:guid}/publish", PublishAsync)
            .WithSummary("Publishes a proposed draft as the process's next version; not by its proposer or last editor while four-eyes publishing is on (Admin).");
        drafts.MapPost("/{id:guid}/discard", DiscardAsync).WithSummary("Discards an open draft (Admin).");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<DraftSummary>>> ListAsync(string? processKey, ClaimsPrincipal principal, WorkflowDrafts drafts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await drafts.ListAsync(ApiUser.Of(principal), processKey, cancellationToken));

    public static async Task<Created<DraftView>> CreateAsync(CreateDraftRequest request, ClaimsPrincipal principal, WorkflowDrafts drafts, CancellationToken cancellationToken)
    {
        var view = await drafts.CreateAsync(ApiUser.Of(principal), request.Xml, request.Comment, cancellationToken);
        return TypedResults.Created($"/api/workflow-drafts/{view.Draft.Id}", view);
    }

    public static async Task<Created<DraftView>> FromVersionAsync(DraftFromVersionRequest request, ClaimsPrincipal principal, WorkflowDrafts drafts,
        CancellationToken cancellationToken)
    {
        var view = await drafts.StartFromVersionAsync(ApiUser.Of(principal), request.ProcessKey, request.Version, request.Comment, cancellationToken);
        return TypedResults.Created($"/api/workflow-drafts/{view.Draft.Id}", view);
    }

    public static async Task<Ok<DraftView>> GetAsync(Guid id, ClaimsPrincipal principal, WorkflowDrafts drafts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await drafts.GetAsync(ApiUser.Of(principal), id, cancellationToken));

    public static async Task<FileContentHttpResult> XmlAsync(Guid id, ClaimsPrincipal principal, WorkflowDrafts drafts, CancellationToken cancellationToken)
    {
        var view = await drafts.GetAsync(ApiUser.Of(principal), id, cancellationToken);
        return TypedResults.File(Encoding.UTF8.GetBytes(view.Xml), "application/xml", $"{view.Draft.ProcessKey}-draft-r{view.Draft.Revision}.bpmn");
    }

    public static async Task<Ok<ProcessDiff>> DiffAsync(Guid id, int? against, ClaimsPrincipal principal, WorkflowVersions versions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await versions.DiffDraftAsync(ApiUser.Of(principal), id, against, cancellationToken));

    public static async Task<Ok<DraftView>> SaveAsync(Guid id, SaveDraftRequest request, ClaimsPrincipal principal, WorkflowDrafts drafts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await drafts.SaveAsync(ApiUser.Of(principal), id, request.Xml, request.Comment, request.Revision, cancellationToken));

    public static async Task<Ok<DraftView>> ProposeAsync(Guid id, DraftStepRequest request, ClaimsPrincipal principal, WorkflowDrafts drafts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await drafts.ProposeAsync(ApiUser.Of(principal), id, request.Revision, cancellationToken));

    public static async Task<Ok<DraftView>> ReturnAsync(Guid id, DraftStepRequest request, ClaimsPrincipal principal, WorkflowDrafts drafts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await drafts.ReturnAsync(ApiUser.Of(principal), id, request.Revision, cancellationToken));

    public static async Task<Ok<DraftView>> PublishAsync(Guid id, DraftStepRequest request, ClaimsPrincipal principal, WorkflowDrafts drafts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await drafts.PublishAsync(ApiUser.Of(principal), id, request.Revision, cancellationToken));

    public static async Task<Ok<DraftSummary>> DiscardAsync(Guid id, DraftStepRequest request, ClaimsPrincipal principal, WorkflowDrafts drafts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await drafts.DiscardAsync(ApiUser.Of(principal), id, request.Revision, cancellationToken));
}
