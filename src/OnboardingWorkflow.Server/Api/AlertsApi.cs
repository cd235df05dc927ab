using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Application.EarlyWarning;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Api;

/// <summary>Early-warning alerts with their evidence: a customer's, everyone's by status, and acknowledging one.</summary>
public static class AlertsApi
{
    /// <summary>What the credit manager did about the alert.</summary>
    public sealed record AcknowledgeBody(string? Comment);

    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{id:guid}/alerts", CustomerAsync).WithTags("Alerts").RequireAuthorization(Policies.AlertReaders)
            .WithSummary("The customer's early-warning alerts, newest first, each with its indicator, value, threshold, period, evidence and actions "
                + "(page, pageSize 1-100; the read is audited). Credit managers, auditors, admins.");
        api.MapGet("/alerts", ListAsync).WithTags("Alerts").RequireAuthorization(Policies.AlertReaders)
            .WithSummary("Every customer's early-warning alerts, newest first; status=open|acknowledged narrows them (page, pageSize 1-100; the read is audited). "
                + "Credit managers, auditors, admins.");
        api.MapPost("/alerts/{id:guid}/acknowledge", AcknowledgeAsync).WithTags("Alerts").RequireAuthorization(Policies.AlertAcknowledgers)
            .WithSummary("Acknowledges an alert with a comment (required, up to 2000 characters). Credit managers and admins; 409 alert_acknowledged when done already.");
        return api;
    }

    public static async Task<Ok<Page<AlertView>>> CustomerAsync(Guid id, int? page, int? pageSize, ClaimsPrincipal principal, AlertQueries queries,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CustomerAsync(ApiUser.Of(principal), id, page ?? 1, pageSize ?? 25, cancellationToken));

    public static async Task<Ok<Page<AlertView>>> ListAsync(string? status, int? page, int? pageSize, ClaimsPrincipal principal, AlertQueries queries,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(ApiUser.Of(principal), status, page ?? 1, pageSize ?? 25, cancellationToken));

    public static async Task<Ok<AlertView>> AcknowledgeAsync(Guid id, AcknowledgeBody? body, ClaimsPrincipal principal, AlertAcknowledgement acknowledgement,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await acknowledgement.AcknowledgeAsync(id, body?.Comment, ApiUser.Of(principal), cancellationToken));
}
