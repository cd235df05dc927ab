using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>Onboarding applications: submit (Sales), list and read (case readers).</summary>
public static class ApplicationsApi
{
    public sealed record ApplicationSummary(Guid Id, Guid CustomerId, string CustomerName, string RegistrationNumber, string Status, string Stage,
        decimal RequestedLimit, decimal? RecommendedLimit, decimal? ApprovedLimit, string Maker, Guid? InstanceId, DateTimeOffset CreatedAt);

    public sealed record DocumentInfo(Guid Id, string Type, string FileName, string ContentType, long Size, string ContentHash, DateOnly? ExpiresOn,
        string UploadedBy, DateTimeOffset UploadedAt, string Verification, string? VerifiedBy, DateTimeOffset? VerifiedAt, string? VerificationNote);

    public sealed record FindingInfo(Guid Id, string Kind, string Description, decimal? Amount, DateOnly? OccurredOn, string RecordedBy, DateTimeOffset RecordedAt);

    public sealed record ScoreInfo(double Score, double ProbabilityOfDefault, string Grade, string Tier, bool KnockedOut, decimal RecommendedLimit,
        int RecommendedTermsDays, string ApprovalRule, string PolicyVersion, DateTimeOffset ScoredAt, JsonElement Explanation);

    public sealed record DecisionInfo(Guid Id, string ElementId, string? TaskId, string DecidedBy, string Outcome, string? Comment, string? PolicyVersion,
        DateTimeOffset DecidedAt, JsonElement? Data);

    public sealed record TaskInfo(string Id, string ElementId, string? Name, string? Assignee, IReadOnlyList<string> CandidateGroups, DateTimeOffset? DueDate);

    public sealed record ContractInfo(Guid Id, decimal CreditLimit, int TermsDays, string? Security, string Text, DateTimeOffset GeneratedAt, DateTimeOffset? SignedAt);

    public sealed record ApplicationDetail(ApplicationSummary Application, int RequestedTermsDays, decimal ExpectedMonthlyPurchases, int? ApprovedTermsDays,
        string CustomerType, string? Outcome, IReadOnlyList<DocumentInfo> Documents, IReadOnlyList<string> MissingDocuments, int FinancialStatementSets,
        IReadOnlyList<FindingInfo> Findings, ScoreInfo? Score, IReadOnlyList<DecisionInfo> Decisions, IReadOnlyList<TaskInfo> WaitingTasks, ContractInfo? Contract);

    public static RouteGroupBuilder MapApplicationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/applications").WithTags("Applications");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Sales)
            .WithSummary("Submits an application for a customer and starts the onboarding flow (Sales).");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.CaseReaders)
            .WithSummary("Lists applications; sales staff see their own.");
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.CaseReaders)
            .WithSummary("Status, stage, documents, findings, score with explanation, limits, decisions and waiting tasks (the read is audited).");
        return api;
    }

    /// <summary>The body is the use case's command: <see cref="ApplicationSubmission"/> checks every field of it.</summary>
    public static async Task<Results<Created<ApplicationDetail>, ProblemHttpResult>> CreateAsync(SubmitApplicationCommand? request, ClaimsPrincipal principal,
        OnboardingDbContext db, WorkflowEngine engine, ApplicationSubmission submission, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] });
        }

        var application = await submission.SubmitAsync(request, ApiUser.Of(principal), cancellationToken);
        var detail = await DetailAsync(db, engine, application, cancellationToken);
        return TypedResults.Created($"/api/applications/{application.Id}", detail);
    }

    public static async Task<Ok<List<ApplicationSummary>>> ListAsync(ClaimsPrincipal principal, OnboardingDbContext db, string? status, string? stage,
        CancellationToken cancellationToken)
    {
        var user = ApiUser.Of(principal);
        var query = from a in db.Set<OnboardingApplication>()
                    join c in db.Set<Customer>() on a.CustomerId equals c.Id
                    select new { a, c };
        if (user.SeesOnlyOwnCases)
        {
            var maker = user.Name.Trim().ToLower();
            query = query.Where(x => x.a.Maker.ToLower() == maker);
        }

        if (Enum.TryParse<ApplicationStatus>(status, ignoreCase: true, out var s))
        {
            query = query.Where(x => x.a.Status == s);
        }

        if (Enum.TryParse<ApplicationStage>(stage, ignoreCase: true, out var st))
        {
            query = query.Where(x => x.a.Stage == st);
        }

        var rows = await query.AsNoTracking().Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.OrderByDescending(x => x.a.CreatedAt).Select(x => Summary(x.a, x.c)).ToList());
    }

    public static async Task<Ok<ApplicationDetail>> GetAsync(Guid id, ClaimsPrincipal principal, OnboardingDbContext db,
        WorkflowEngine engine, CaseAccess access, CancellationToken cancellationToken)
    {
        var user = ApiUser.Of(principal);
        var application = await access.ApplicationAsync(user, id, cancellationToken);
        var detail = await DetailAsync(db, engine, application, cancellationToken);
        access.AuditRead(user, "application", "Application", id.ToString(), application.CustomerId);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(detail);
    }

    internal static ApplicationSummary Summary(OnboardingApplication a, Customer c) =>
        new(a.Id, c.Id, c.Name, c.RegistrationNumber, a.Status.ToString(), a.Stage.ToString(), a.RequestedLimit, a.RecommendedLimit, a.ApprovedLimit,
            a.Maker, a.InstanceId, a.CreatedAt);

    internal static async Task<ApplicationDetail> DetailAsync(OnboardingDbContext db, WorkflowEngine engine, OnboardingApplication a, CancellationToken cancellationToken)
    {
        var customer = await db.Set<Customer>().FindAsync([a.CustomerId], cancellationToken) ?? throw new InvalidOperationException("customer missing");
        var documents = await db.Set<Document>().AsNoTracking().Where(d => d.ApplicationId == a.Id).ToListAsync(cancellationToken);
        var findings = await db.Set<DueDiligenceFinding>().AsNoTracking().Where(f => f.ApplicationId == a.Id).ToListAsync(cancellationToken);
        var statements = await db.Set<FinancialStatementSet>().CountAsync(s => s.ApplicationId == a.Id, cancellationToken);
        var scores = await db.Set<CreditScoreRecord>().AsNoTracking().Where(s => s.ApplicationId == a.Id).ToListAsync(cancellationToken);
        var decisions = await db.Set<CreditDecision>().AsNoTracking().Where(d => d.ApplicationId == a.Id).ToListAsync(cancellationToken);
        var contracts = await db.Set<Contract>().AsNoTracking().Where(c => c.ApplicationId == a.Id).ToListAsync(cancellationToken);
        var tasks = await engine.Options.Instances.QueryTasksAsync(new TaskQuery { BusinessKey = a.Id.ToString() }, cancellationToken);
        var score = scores.OrderByDescending(s => s.ScoredAt).FirstOrDefault();
        var contract = contracts.OrderByDescending(c => c.GeneratedAt).FirstOrDefault();

        return new ApplicationDetail(
            Summary(a, customer), a.RequestedTermsDays, a.ExpectedMonthlyPurchases, a.ApprovedTermsDays, a.CustomerType, a.Outcome,
            documents.OrderBy(d => d.UploadedAt).Select(Document).ToList(),
            DocumentRules.Missing(a, documents).Select(t => t.ToString()).ToList(),
            statements,
            findings.OrderBy(f => f.RecordedAt).Select(f => new FindingInfo(f.Id, f.Kind.ToString(), f.Description, f.Amount, f.OccurredOn, f.RecordedBy, f.RecordedAt)).ToList(),
            score is null ? null : Score(score),
            decisions.OrderBy(d => d.DecidedAt).Select(Decision).ToList(),
            tasks.Select(t => new TaskInfo(t.Id, t.ElementId, t.Name, t.Assignee, t.CandidateGroups, t.DueDate)).ToList(),
            contract is null ? null : new ContractInfo(contract.Id, contract.CreditLimit, contract.TermsDays, contract.Security, contract.Text, contract.GeneratedAt, contract.SignedAt));
    }

    internal static DocumentInfo Document(Document d) =>
        new(d.Id, d.Type.ToString(), d.FileName, d.ContentType, d.Size, d.ContentHash, d.ExpiresOn, d.UploadedBy, d.UploadedAt, d.Verification.ToString(),
            d.VerifiedBy, d.VerifiedAt, d.VerificationNote);

    internal static ScoreInfo Score(CreditScoreRecord s) =>
        new(s.Score, s.ProbabilityOfDefault, s.Grade, s.Tier, s.KnockedOut, s.RecommendedLimit, s.RecommendedTermsDays, s.ApprovalRule, s.PolicyVersion, s.ScoredAt,
            JsonDocument.Parse(s.ExplanationJson).RootElement.Clone());

    internal static DecisionInfo Decision(CreditDecision d) =>
        new(d.Id, d.ElementId, d.TaskId, d.DecidedBy, d.Outcome.ToString(), d.Comment, d.PolicyVersion, d.DecidedAt,
            d.DataJson is null ? null : JsonDocument.Parse(d.DataJson).RootElement.Clone());
}
