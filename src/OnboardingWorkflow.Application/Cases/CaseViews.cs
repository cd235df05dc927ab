using System.Text.Json;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Cases;

/// <summary>A case as people read it (API answers and dashboard pages alike); built from domain rows by <see cref="CaseViews"/>.</summary>
public sealed record ApplicationSummary(Guid Id, Guid CustomerId, string CustomerName, string RegistrationNumber, string Status, string Stage,
    decimal RequestedLimit, decimal? RecommendedLimit, decimal? ApprovedLimit, string Maker, Guid? InstanceId, DateTimeOffset CreatedAt);

public sealed record DocumentInfo(Guid Id, string Type, string FileName, string ContentType, long Size, string ContentHash, DateOnly? ExpiresOn,
    string UploadedBy, DateTimeOffset UploadedAt, string Verification, string? VerifiedBy, DateTimeOffset? VerifiedAt, string? VerificationNote);

public sealed record FindingInfo(Guid Id, string Kind, string Description, decimal? Amount, DateOnly? OccurredOn, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record ScoreInfo(double Score, double ProbabilityOfDefault, string Grade, string Tier, bool KnockedOut, decimal RecommendedLimit,
    int RecommendedTermsDays, string ApprovalRule, string PolicyVersion, DateTimeOffset ScoredAt, JsonElement Explanation);

public sealed record DecisionInfo(Guid Id, string ElementId, string? TaskId, string DecidedBy, string Outcome, string? Comment, string? PolicyVersion,
    DateTimeOffset DecidedAt, JsonElement? Data, string? Channel = null);

public sealed record TaskInfo(string Id, string ElementId, string? Name, string? Assignee, IReadOnlyList<string> CandidateGroups, DateTimeOffset? DueDate);

public sealed record ContractInfo(Guid Id, decimal CreditLimit, int TermsDays, string? Security, string Text, DateTimeOffset GeneratedAt, DateTimeOffset? SignedAt);

public sealed record ApplicationDetail(ApplicationSummary Application, int RequestedTermsDays, decimal ExpectedMonthlyPurchases, int? ApprovedTermsDays,
    string CustomerType, string? Outcome, IReadOnlyList<DocumentInfo> Documents, IReadOnlyList<string> MissingDocuments, int FinancialStatementSets,
    IReadOnlyList<FindingInfo> Findings, ScoreInfo? Score, IReadOnlyList<DecisionInfo> Decisions, IReadOnlyList<TaskInfo> WaitingTasks, ContractInfo? Contract);

public sealed record ProfileInfo(double Score, string Grade, string Tier, decimal CreditLimit, int TermsDays, string? Security, DateOnly NextReview,
    string PolicyVersion, DateTimeOffset UpdatedAt, DateOnly? TemporaryUntil, decimal? LimitAfterTemporary);

public sealed record LimitRecordInfo(string Source, decimal PreviousLimit, decimal NewLimit, DateOnly? ValidUntil, string DecidedBy, string? Reason,
    Guid? CaseId, DateTimeOffset EffectiveAt);

public sealed record LimitChangeSummary(Guid Id, string Kind, string Status, decimal? RequestedLimit, decimal? ApprovedLimit, string RequestedBy, DateTimeOffset CreatedAt);

public sealed record CustomerFile(Guid Id, string Name, string RegistrationNumber, string? Address, DateOnly? FoundedOn, string? Industry,
    string Status, DateTimeOffset CreatedAt, DateTimeOffset? ActivatedAt, ProfileInfo? Profile,
    IReadOnlyList<ApplicationSummary> Applications, IReadOnlyList<ScoreInfo> Scores,
    IReadOnlyList<DecisionInfo> Decisions, IReadOnlyList<ContractInfo> Contracts,
    IReadOnlyList<LimitRecordInfo> LimitHistory, IReadOnlyList<LimitChangeSummary> LimitChanges, IReadOnlyList<CustomerDocumentInfo> Documents);

/// <summary>A document of one of the customer's applications, with its expiry alert (<see cref="Documents.DocumentExpiry"/>).</summary>
public sealed record CustomerDocumentInfo(Guid ApplicationId, DocumentInfo Document, string Expiry);

/// <summary>One page of a list read in SQL: the rows, the total that matched and where the page stands.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

/// <summary>Maps domain rows to the read models above.</summary>
public static class CaseViews
{
    public static ApplicationSummary Summary(OnboardingApplication a, Customer c) =>
        new(a.Id, c.Id, c.Name, c.RegistrationNumber, a.Status.ToString(), a.Stage.ToString(), a.RequestedLimit, a.RecommendedLimit, a.ApprovedLimit,
            a.Maker, a.InstanceId, a.CreatedAt);

    public static DocumentInfo Document(Document d) =>
        new(d.Id, d.Type.ToString(), d.FileName, d.ContentType, d.Size, d.ContentHash, d.ExpiresOn, d.UploadedBy, d.UploadedAt, d.Verification.ToString(),
            d.VerifiedBy, d.VerifiedAt, d.VerificationNote);

    public static FindingInfo Finding(DueDiligenceFinding f) =>
        new(f.Id, f.Kind.ToString(), f.Description, f.Amount, f.OccurredOn, f.RecordedBy, f.RecordedAt);

    public static ScoreInfo Score(CreditScoreRecord s) =>
        new(s.Score, s.ProbabilityOfDefault, s.Grade, s.Tier, s.KnockedOut, s.RecommendedLimit, s.RecommendedTermsDays, s.ApprovalRule, s.PolicyVersion, s.ScoredAt,
            JsonDocument.Parse(s.ExplanationJson).RootElement.Clone());

    public static DecisionInfo Decision(CreditDecision d) =>
        new(d.Id, d.ElementId, d.TaskId, d.DecidedBy, d.Outcome.ToString(), d.Comment, d.PolicyVersion, d.DecidedAt,
            d.DataJson is null ? null : JsonDocument.Parse(d.DataJson).RootElement.Clone(), d.Channel);

    public static ContractInfo Contract(Contract c) => new(c.Id, c.CreditLimit, c.TermsDays, c.Security, c.Text, c.GeneratedAt, c.SignedAt);

    public static TaskInfo Task(Engine.Stores.TaskRecord t) => new(t.Id, t.ElementId, t.Name, t.Assignee, t.CandidateGroups, t.DueDate);
}
