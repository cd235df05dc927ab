using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Errors;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>The customer's credit archive: profile, limit, terms, applications, scores and decisions. Every read is audited.</summary>
public static class CustomersApi
{
    public sealed record ProfileInfo(double Score, string Grade, string Tier, decimal CreditLimit, int TermsDays, string? Security, DateOnly NextReview,
        string PolicyVersion, DateTimeOffset UpdatedAt, DateOnly? TemporaryUntil, decimal? LimitAfterTemporary);

    public sealed record CustomerResponse(Guid Id, string Name, string RegistrationNumber, string? Address, DateOnly? FoundedOn, string? Industry,
        string Status, DateTimeOffset CreatedAt, DateTimeOffset? ActivatedAt, ProfileInfo? Profile,
        IReadOnlyList<ApplicationsApi.ApplicationSummary> Applications, IReadOnlyList<ApplicationsApi.ScoreInfo> Scores,
        IReadOnlyList<ApplicationsApi.DecisionInfo> Decisions, IReadOnlyList<ApplicationsApi.ContractInfo> Contracts,
        IReadOnlyList<LimitRecordInfo> LimitHistory, IReadOnlyList<LimitChangeSummary> LimitChanges);

    public sealed record LimitRecordInfo(string Source, decimal PreviousLimit, decimal NewLimit, DateOnly? ValidUntil, string DecidedBy, string? Reason,
        Guid? CaseId, DateTimeOffset EffectiveAt);

    public sealed record LimitChangeSummary(Guid Id, string Kind, string Status, decimal? RequestedLimit, decimal? ApprovedLimit, string RequestedBy, DateTimeOffset CreatedAt);

    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{id:guid}", GetAsync).WithTags("Customers").RequireAuthorization(Policies.CaseReaders)
            .WithSummary("Credit profile, limit, terms and the archive of applications, scores and decisions (the read is audited).");
        return api;
    }

    public static async Task<Ok<CustomerResponse>> GetAsync(Guid id, ClaimsPrincipal principal, OnboardingDbContext db, CaseAccess access,
        CancellationToken cancellationToken)
    {
        var user = ApiUser.Of(principal);
        var customer = await access.CustomerAsync(user, id, cancellationToken);
        var applications = await db.Set<OnboardingApplication>().AsNoTracking().Where(a => a.CustomerId == id).ToListAsync(cancellationToken);
        var profile = await db.Set<CreditProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.CustomerId == id, cancellationToken);
        var scores = await db.Set<CreditScoreRecord>().AsNoTracking().Where(s => s.CustomerId == id).ToListAsync(cancellationToken);
        var decisions = await db.Set<CreditDecision>().AsNoTracking().Where(d => d.CustomerId == id).ToListAsync(cancellationToken);
        var contracts = await db.Set<Contract>().AsNoTracking().Where(c => c.CustomerId == id).ToListAsync(cancellationToken);
        var history = await db.Set<CreditLimitRecord>().AsNoTracking().Where(r => r.CustomerId == id).ToListAsync(cancellationToken);
        var changes = await db.Set<LimitChangeRequest>().AsNoTracking().Where(r => r.CustomerId == id).ToListAsync(cancellationToken);
        access.AuditRead(user, "customer", "Customer", id.ToString(), id);
        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.Ok(new CustomerResponse(customer.Id, customer.Name, customer.RegistrationNumber, customer.Address, customer.FoundedOn, customer.Industry,
            customer.Status.ToString(), customer.CreatedAt, customer.ActivatedAt,
            profile is null ? null : new ProfileInfo(profile.Score, profile.Grade, profile.Tier, profile.CreditLimit, profile.TermsDays, profile.Security,
                profile.NextReview, profile.PolicyVersion, profile.UpdatedAt, profile.TemporaryUntil, profile.LimitAfterTemporary),
            applications.OrderBy(a => a.CreatedAt).Select(a => ApplicationsApi.Summary(a, customer)).ToList(),
            scores.OrderBy(s => s.ScoredAt).Select(ApplicationsApi.Score).ToList(),
            decisions.OrderBy(d => d.DecidedAt).Select(ApplicationsApi.Decision).ToList(),
            contracts.OrderBy(c => c.GeneratedAt).Select(c => new ApplicationsApi.ContractInfo(c.Id, c.CreditLimit, c.TermsDays, c.Security, c.Text, c.GeneratedAt, c.SignedAt)).ToList(),
            history.OrderBy(r => r.EffectiveAt).Select(r => new LimitRecordInfo(r.Source, r.PreviousLimit, r.NewLimit, r.ValidUntil, r.DecidedBy, r.Reason, r.CaseId, r.EffectiveAt)).ToList(),
            changes.OrderBy(r => r.CreatedAt).Select(r => new LimitChangeSummary(r.Id, r.Kind.ToString(), r.Status.ToString(), r.RequestedLimit, r.ApprovedLimit, r.RequestedBy, r.CreatedAt)).ToList()));
    }
}
