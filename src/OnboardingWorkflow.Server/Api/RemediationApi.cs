using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Application.Dunning;
using OnboardingWorkflow.Application.Remediation;

namespace OnboardingWorkflow.Server.Api;

/// <summary>A customer's remediation (collection case): read it, open it, and send its payment plan.</summary>
public static class RemediationApi
{
    /// <summary>Why the case is opened.</summary>
    public sealed record OpenBody(string? Reason);

    /// <summary>The instalments of a payment plan, in due-date order.</summary>
    public sealed record PlanBody(IReadOnlyList<InstalmentInput>? Instalments);

    public static RouteGroupBuilder MapRemediationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{id:guid}/remediation", GetAsync).WithTags("Remediation").RequireAuthorization(Policies.CaseReaders)
            .WithSummary("The customer's status and remediation case (stage, debt, write-down, option, legal reference, outcome), its payment plan (proposed, or the "
                + "instalments with what is paid) and its letters (the read is audited).");
        api.MapPost("/customers/{id:guid}/remediation", OpenAsync).WithTags("Remediation").RequireAuthorization(Policies.RemediationManagers)
            .WithSummary("Opens a remediation case on the customer's open invoices ({ reason }): a collection hold, and a decision task for the credit managers. "
                + "Credit managers; 409 remediation_open, nothing_owed or customer_not_remediable.");
        api.MapPut("/customers/{id:guid}/remediation/plan", ProposeAsync).WithTags("Remediation").RequireAuthorization(Policies.RemediationManagers)
            .WithSummary("Sends the payment plan of the open case ({ instalments: [{ dueDate, amount }] }): 1 to Remediation:MaxInstalments instalments, days after today "
                + "in increasing order, amounts in whole hundredths, at most the debt; the decision then needs the total to equal the debt (less a restructuring's "
                + "write-down). Credit managers; 400 invalid_request names the instalment at fault, 409 no_remediation_case or plan_fixed.");
        api.MapGet("/customers/{id:guid}/remediation/letters/{letterId:guid}", LetterAsync).WithTags("Remediation").RequireAuthorization(Policies.CaseReaders)
            .WithSummary("One remediation letter of the customer's archive with its text as sent (the read is audited).");
        return api;
    }

    public static async Task<Ok<RemediationLetterDocument>> LetterAsync(Guid id, Guid letterId, ClaimsPrincipal principal, LetterArchive archive,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await archive.RemediationLetterAsync(ApiUser.Of(principal), id, letterId, cancellationToken));

    public static async Task<Ok<RemediationView>> GetAsync(Guid id, ClaimsPrincipal principal, RemediationQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CustomerAsync(ApiUser.Of(principal), id, cancellationToken));

    public static async Task<Created<RemediationView>> OpenAsync(Guid id, OpenBody? body, ClaimsPrincipal principal, RemediationOpening opening, RemediationQueries queries,
        CancellationToken cancellationToken)
    {
        var user = ApiUser.Of(principal);
        await opening.OpenAsync(id, body?.Reason, user, cancellationToken);
        return TypedResults.Created($"/api/customers/{id}/remediation", await queries.CustomerAsync(user, id, cancellationToken));
    }

    public static async Task<Ok<RemediationView>> ProposeAsync(Guid id, PlanBody? body, ClaimsPrincipal principal, PaymentPlanProposal proposal, RemediationQueries queries,
        CancellationToken cancellationToken)
    {
        var user = ApiUser.Of(principal);
        await proposal.ProposeAsync(id, body?.Instalments, user, cancellationToken);
        return TypedResults.Ok(await queries.CustomerAsync(user, id, cancellationToken));
    }
}
