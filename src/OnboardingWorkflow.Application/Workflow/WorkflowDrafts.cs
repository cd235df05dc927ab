using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Parsing;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Workflow;

/// <summary>The "Workflow:Changes" section: how changes to approval flows are published.</summary>
public sealed class WorkflowChangeOptions
{
    public const string Section = "Workflow:Changes";

    /// <summary>
    /// Publishing is four-eyes: the admin who proposed a draft (or last changed it) cannot publish
    /// it; a second admin reviews and publishes. On by default; a one-admin installation turns it off.
    /// </summary>
    public bool FourEyesPublishing { get; set; } = true;

    /// <summary>How many drafts one process may keep open (not yet published or discarded).</summary>
    [Range(1, 1000)]
    public int MaxOpenDraftsPerProcess { get; set; } = 50;
}

/// <summary>A validation finding, at its element and line, as the designer marks it.</summary>
public sealed record DraftDiagnostic(string Code, string Severity, string Message, int Line, int Column, string? ElementId)
{
    public static DraftDiagnostic From(Diagnostic d) => new(d.Code, d.IsError ? "error" : "warning", d.Message, d.Line, d.Column, d.ElementId);
}

/// <summary>A draft without its XML, as lists show it.</summary>
public sealed record DraftSummary(Guid Id, string ProcessKey, string? ProcessName, string State, int? BaseVersion, string? Comment, int Errors, int Warnings,
    string CreatedBy, DateTimeOffset CreatedAt, string UpdatedBy, DateTimeOffset UpdatedAt, string? ProposedBy, DateTimeOffset? ProposedAt,
    string? PublishedBy, DateTimeOffset? PublishedAt, int? PublishedVersion, int Revision)
{
    public static DraftSummary Of(WorkflowDraft d) => new(d.Id, d.ProcessKey, d.ProcessName, d.State.ToString(), d.BaseVersion, d.Comment, d.Errors, d.Warnings,
        d.CreatedBy, d.CreatedAt, d.UpdatedBy, d.UpdatedAt, d.ProposedBy, d.ProposedAt, d.PublishedBy, d.PublishedAt, d.PublishedVersion, d.Revision);
}

/// <summary>A draft with its XML and the findings of validating it now.</summary>
public sealed record DraftView(DraftSummary Draft, string Xml, IReadOnlyList<DraftDiagnostic> Diagnostics);

/// <summary>
/// Changes to approval flows, prepared as drafts and published as new versions. Every save is
/// validated by the engine's own parser (the findings come back per element and line; a draft with
/// errors is kept, so no work is lost, but cannot be proposed or published). Publishing is
/// four-eyes by default: one admin proposes, another publishes (<see cref="WorkflowChangeOptions"/>).
/// Every step is audited; only admins take part.
/// </summary>
public sealed class WorkflowDrafts(WorkflowEngine engine, CaseFile cases, IOptions<WorkflowChangeOptions> options)
{
    public const string Entity = "WorkflowDraft";

    public async Task<DraftView> CreateAsync(CurrentUser user, string? xml, string? comment, CancellationToken cancellationToken)
    {
        Require(user);
        var (text, note) = Input(xml, comment);
        return await CreateAsync(user, text, note, baseVersion: null, cancellationToken);
    }

    /// <summary>
    /// A draft that starts as a deployed version (the latest when <paramref name="version"/> is
    /// null): the designer's "change this flow". The XML is copied on the server, so nothing large
    /// crosses the dashboard's connection; the version is the draft's base, the left side of its diff.
    /// </summary>
    public async Task<DraftView> StartFromVersionAsync(CurrentUser user, string? processKey, int? version, string? comment, CancellationToken cancellationToken)
    {
        Require(user);
        var rules = new InputRules();
        var key = rules.Text("processKey", processKey, 200, required: true);
        var note = rules.Text("comment", comment, WorkflowDraft.MaxCommentLength);
        if (version is < 1)
        {
            rules.Add("version", "must be 1 or more: the number of a deployed version");
        }

        rules.ThrowIfAny();
        var definitions = engine.Options.Definitions;
        var definition = (version is { } number
                ? await definitions.FindAsync(key!, number, cancellationToken)
                : await definitions.FindLatestAsync(key!, cancellationToken))
            ?? throw AppException.NotFound(version is null ? $"Workflow {key}" : $"Workflow {key} version {version}");
        return await CreateAsync(user, definition.Xml, note, definition.Version, cancellationToken);
    }

    private async Task<DraftView> CreateAsync(CurrentUser user, string text, string? note, int? baseVersion, CancellationToken cancellationToken)
    {
        var (document, process) = Parse(text, expectedKey: null);
        var open = await cases.Db.Set<WorkflowDraft>()
            .CountAsync(d => d.ProcessKey == process.Key && (d.State == WorkflowDraftState.Draft || d.State == WorkflowDraftState.Proposed), cancellationToken);
        if (open >= options.Value.MaxOpenDraftsPerProcess)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState,
                $"Process {process.Key} already has {open} open drafts, the most allowed; publish or discard one first.");
        }

        var latest = await engine.Options.Definitions.FindLatestAsync(process.Key, cancellationToken);
        var draft = new WorkflowDraft
        {
            Id = Guid.CreateVersion7(),
            ProcessKey = process.Key,
            ProcessName = Bounded(process.Name, 400),
            Xml = text,
            BaseVersion = baseVersion ?? latest?.Version,
            Comment = note,
            State = WorkflowDraftState.Draft,
            CreatedBy = user.Name,
            CreatedAt = cases.Now,
            UpdatedBy = user.Name,
            UpdatedAt = cases.Now,
        };
        Count(draft, document);
        cases.Db.Set<WorkflowDraft>().Add(draft);
        cases.Audit(user.Name, "workflow-draft.created", Entity, draft.Id.ToString(), detail: $"{draft.ProcessKey} from version {draft.BaseVersion?.ToString() ?? "none"}");
        await cases.Db.SaveChangesAsync(cancellationToken);
        return View(draft, document);
    }

    /// <summary>Replaces the draft's XML; <paramref name="revision"/> is the one the editor loaded, so a save never overwrites another admin's.</summary>
    public async Task<DraftView> SaveAsync(CurrentUser user, Guid id, string? xml, string? comment, int revision, CancellationToken cancellationToken)
    {
        Require(user);
        var (text, note) = Input(xml, comment);
        var draft = await FindAsync(id, cancellationToken);
        Expect(draft, revision, WorkflowDraftState.Draft, "saved");
        var (document, process) = Parse(text, draft.ProcessKey);
        draft.Xml = text;
        draft.ProcessName = Bounded(process.Name, 400);
        draft.Comment = note ?? draft.Comment;
        Touch(draft, user);
        Count(draft, document);
        cases.Audit(user.Name, "workflow-draft.saved", Entity, draft.Id.ToString(), detail: $"{draft.ProcessKey}, revision {draft.Revision}: {draft.Errors} error(s), {draft.Warnings} warning(s)");
        await SaveAsync(cancellationToken);
        return View(draft, document);
    }

    /// <summary>Puts a draft without errors up for review; from now on it cannot change until it is sent back.</summary>
    public async Task<DraftView> ProposeAsync(CurrentUser user, Guid id, int revision, CancellationToken cancellationToken)
    {
        Require(user);
        var draft = await FindAsync(id, cancellationToken);
        Expect(draft, revision, WorkflowDraftState.Draft, "proposed");
        var document = Validated(draft);
        draft.State = WorkflowDraftState.Proposed;
        draft.ProposedBy = user.Name;
        draft.ProposedAt = cases.Now;
        Touch(draft, user);
        cases.Audit(user.Name, "workflow-draft.proposed", Entity, draft.Id.ToString(), detail: draft.ProcessKey);
        await SaveAsync(cancellationToken);
        return View(draft, document);
    }

    /// <summary>Sends a proposed draft back to editing (the reviewer's "not like this", or the proposer's second thoughts).</summary>
    public async Task<DraftView> ReturnAsync(CurrentUser user, Guid id, int revision, CancellationToken cancellationToken)
    {
        Require(user);
        var draft = await FindAsync(id, cancellationToken);
        Expect(draft, revision, WorkflowDraftState.Proposed, "returned to editing");
        draft.State = WorkflowDraftState.Draft;
        draft.ProposedBy = null;
        draft.ProposedAt = null;
        Touch(draft, user);
        cases.Audit(user.Name, "workflow-draft.returned", Entity, draft.Id.ToString(), detail: draft.ProcessKey);
        await SaveAsync(cancellationToken);
        return View(draft, BpmnParser.Parse(draft.Xml));
    }

    /// <summary>Makes a proposed draft the process's next version; refused to its proposer and last editor while four-eyes publishing is on.</summary>
    public async Task<DraftView> PublishAsync(CurrentUser user, Guid id, int revision, CancellationToken cancellationToken)
    {
        Require(user);
        var draft = await FindAsync(id, cancellationToken);
        Expect(draft, revision, WorkflowDraftState.Proposed, "published");
        if (options.Value.FourEyesPublishing && (user.Is(draft.ProposedBy) || user.Is(draft.UpdatedBy)))
        {
            throw AppException.Forbidden(
                $"{user.Name} proposed or last changed this draft and may not publish it too: another admin reviews and publishes it.", ErrorCodes.MakerCheckerViolation);
        }

        var document = Validated(draft);
        var deployment = await engine.DeployAsync(draft.Xml, $"draft-{draft.Id}.bpmn", cancellationToken);
        var published = deployment.Processes.Single(p => p.Key == draft.ProcessKey);
        draft.State = WorkflowDraftState.Published;
        draft.PublishedBy = user.Name;
        draft.PublishedAt = cases.Now;
        draft.PublishedVersion = published.Version;
        draft.Revision++;
        cases.Audit(user.Name, "workflow.published", "Workflow", $"{draft.ProcessKey}:{published.Version}",
            detail: $"draft {draft.Id} proposed by {draft.ProposedBy}{(published.IsNewVersion ? "" : ", the same XML as the latest version: no new version")}");
        await SaveAsync(cancellationToken);
        return View(draft, document);
    }

    /// <summary>Drops a draft that is not published; it stays listed as discarded.</summary>
    public async Task<DraftSummary> DiscardAsync(CurrentUser user, Guid id, int revision, CancellationToken cancellationToken)
    {
        Require(user);
        var draft = await FindAsync(id, cancellationToken);
        if (draft.State is WorkflowDraftState.Published or WorkflowDraftState.Discarded)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState, $"The draft is {draft.State.ToString().ToLowerInvariant()}; only an open draft can be discarded.");
        }

        Expect(draft, revision, draft.State, "discarded");
        draft.State = WorkflowDraftState.Discarded;
        Touch(draft, user);
        cases.Audit(user.Name, "workflow-draft.discarded", Entity, draft.Id.ToString(), detail: draft.ProcessKey);
        await SaveAsync(cancellationToken);
        return DraftSummary.Of(draft);
    }

    public async Task<DraftView> GetAsync(CurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        Require(user);
        var draft = await FindAsync(id, cancellationToken);
        return View(draft, BpmnParser.Parse(draft.Xml));
    }

    /// <summary>The drafts of one process (or of all), newest change first; at most 200.</summary>
    public async Task<IReadOnlyList<DraftSummary>> ListAsync(CurrentUser user, string? processKey, CancellationToken cancellationToken)
    {
        Require(user);
        var drafts = cases.Db.Set<WorkflowDraft>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(processKey))
        {
            drafts = drafts.Where(d => d.ProcessKey == processKey);
        }

        // Sorted here: SQLite cannot order by a DateTimeOffset column, and a process has few drafts.
        var rows = await drafts.OrderByDescending(d => d.Id).Take(200).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(d => d.UpdatedAt).Select(DraftSummary.Of)];
    }

    private static void Require(CurrentUser user)
    {
        if (!Policies.Allows(Policies.Admin, user))
        {
            throw AppException.Forbidden($"{user.Name} may not change approval flows: only admins may.");
        }
    }

    private static (string Xml, string? Comment) Input(string? xml, string? comment)
    {
        // The XML is kept exactly as sent (line breaks and all); the parser judges its content.
        var rules = new InputRules();
        if (string.IsNullOrWhiteSpace(xml))
        {
            rules.Add("xml", "is required: send the BPMN XML");
        }
        else if (xml.Length > WorkflowDraft.MaxXmlLength)
        {
            rules.Add("xml", $"must be at most {WorkflowDraft.MaxXmlLength} characters");
        }

        var note = rules.Text("comment", comment, WorkflowDraft.MaxCommentLength);
        rules.ThrowIfAny();
        return (xml!, note);
    }

    /// <summary>The document and its one executable process; XML whose process cannot be found is refused with the parser's findings.</summary>
    private static (BpmnDocument Document, Engine.Model.ProcessDefinition Process) Parse(string xml, string? expectedKey)
    {
        var document = BpmnParser.Parse(xml);
        var processes = document.ExecutableProcesses.ToList();
        if (processes.Count != 1)
        {
            throw processes.Count == 0 && document.HasErrors
                ? new BpmnValidationException(document.Diagnostics)
                : AppException.InvalidField("xml", FieldText.Format(FieldText.Keys.OneProcessPerDraft, processes.Count));
        }

        var process = processes[0];
        if (expectedKey is not null && process.Key != expectedKey)
        {
            throw AppException.InvalidField("xml", FieldText.Format(FieldText.Keys.OtherProcess, expectedKey, process.Key));
        }

        return (document, process);
    }

    private static BpmnDocument Validated(WorkflowDraft draft)
    {
        var document = BpmnParser.Parse(draft.Xml);
        if (document.HasErrors)
        {
            throw new BpmnValidationException(document.Diagnostics);
        }

        return document;
    }

    private async Task<WorkflowDraft> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await cases.Db.Set<WorkflowDraft>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken) ?? throw AppException.NotFound($"Workflow draft {id}");

    private static void Expect(WorkflowDraft draft, int revision, WorkflowDraftState state, string action)
    {
        if (draft.Revision != revision)
        {
            throw AppException.Conflict(ErrorCodes.ConcurrencyConflict,
                $"The draft changed since revision {revision} (it is at {draft.Revision}, by {draft.UpdatedBy}); reload it before it is {action}.");
        }

        if (draft.State != state)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState, $"The draft is {draft.State.ToString().ToLowerInvariant()}; only a {state.ToString().ToLowerInvariant()} draft can be {action}.");
        }
    }

    private void Touch(WorkflowDraft draft, CurrentUser user)
    {
        draft.UpdatedBy = user.Name;
        draft.UpdatedAt = cases.Now;
        draft.Revision++;
    }

    private static void Count(WorkflowDraft draft, BpmnDocument document)
    {
        draft.Errors = document.Diagnostics.Count(d => d.IsError);
        draft.Warnings = document.Diagnostics.Count(d => !d.IsError);
    }

    private static DraftView View(WorkflowDraft draft, BpmnDocument document) =>
        new(DraftSummary.Of(draft), draft.Xml, [.. document.Diagnostics.Select(DraftDiagnostic.From)]);

    private static string? Bounded(string? text, int length) => text is { Length: > 0 } t && t.Length > length ? t[..length] : text;

    // The revision is a concurrency token: a save racing another loses with a conflict, not silently.
    private Task SaveAsync(CancellationToken cancellationToken) => cases.Db.SaveChangesAsync(cancellationToken);
}
