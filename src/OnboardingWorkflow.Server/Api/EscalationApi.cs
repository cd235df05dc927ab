using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Application.Dunning;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>A customer's overdue escalation: the case, its letters and holds; and the promise to pay that pauses it.</summary>
public static class EscalationApi
{
    /// <summary>The promised payment day (yyyy-MM-dd) and an optional note.</summary>
    public sealed record PromiseBody(DateOnly? Date, string? Note);

    public static RouteGroupBuilder MapEscalationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{id:guid}/escalation", GetAsync).WithTags("Escalation").RequireAuthorization(Policies.CaseReaders)
            .WithSummary("The customer's overdue escalation: the current case and its level, every letter sent (kind, level, invoices, amount) and the dunning holds (the read is audited).");
        api.MapPost("/customers/{id:guid}/promise-to-pay", PromiseAsync).WithTags("Escalation").RequireAuthorization(Policies.PromiseTakers)
            .WithSummary("Records a promise to pay by a day from today up to Dunning:MaxPromiseDays ahead: escalation pauses until then and resumes if it is not kept. "
                + "The account's salesperson or a credit manager; 409 no_escalation_case or promise_in_force.");
        api.MapGet("/escalation-cases", ListAsync).WithTags("Escalation").RequireAuthorization(Policies.CollectionsReaders)
            .WithSummary("The running overdue escalation cases: level, overdue amount and oldest due date today, promise in force; sorted "
                + "(sort=Level|Overdue|OldestDue|Opened|Promised|Customer, desc=true|false) and paged. Credit managers, admins and auditors.");
        api.MapGet("/customers/{id:guid}/letters/{letterId:guid}", LetterAsync).WithTags("Escalation").RequireAuthorization(Policies.CaseReaders)
            .WithSummary("One letter of the customer's archive with its text as sent (the read is audited).");
        return api;
    }

    public static async Task<Ok<Page<EscalationCaseRow>>> ListAsync(string? sort, bool? desc, int? page, int? pageSize,
        ClaimsPrincipal principal, EscalationList list, CancellationToken cancellationToken)
    {
        var order = EscalationSort.Level;
        if (!string.IsNullOrWhiteSpace(sort))
        {
            var rules = new InputRules();
            order = rules.Choice<EscalationSort>("sort", sort) ?? EscalationSort.Level;
            rules.ThrowIfAny();
        }

        return TypedResults.Ok(await list.OpenAsync(ApiUser.Of(principal), new EscalationListQuery(order, desc ?? true, page ?? 1, pageSize ?? 25), cancellationToken));
    }

    public static async Task<Ok<DunningLetterDocument>> LetterAsync(Guid id, Guid letterId, ClaimsPrincipal principal, LetterArchive archive,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await archive.LetterAsync(ApiUser.Of(principal), id, letterId, cancellationToken));

    public static async Task<Ok<EscalationView>> GetAsync(Guid id, ClaimsPrincipal principal, EscalationQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CustomerAsync(ApiUser.Of(principal), id, cancellationToken));

    public static async Task<Ok<EscalationView>> PromiseAsync(Guid id, PromiseBody? body, ClaimsPrincipal principal, PromiseToPay promises, EscalationQueries queries,
        CancellationToken cancellationToken)
    {
        var user = ApiUser.Of(principal);
        await promises.PromiseAsync(id, new PromiseToPayCommand(body?.Date, body?.Note), user, cancellationToken);
        return TypedResults.Ok(await queries.CustomerAsync(user, id, cancellationToken));
    }
}
