using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Credit;
using OnboardingWorkflow.Credit.Statements;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.LimitChanges;

/// <summary>What a salesperson or credit manager asks for an active customer's limit.</summary>
public sealed record RequestLimitChangeCommand(Guid CustomerId, string? Kind, decimal? RequestedLimit, DateOnly? TemporaryUntil, string? Reason,
    JsonElement? Statements);

/// <summary>
/// Limit changes of active customers: checks the request (kind, amounts, dates, fresh statements
/// where the policy asks for them), opens the case and starts workflows/credit-limit-change.bpmn
/// in one unit of work. One open change per customer at a time.
/// </summary>
public sealed class LimitChangeService(WorkflowEngine engine, CaseFile cases, CaseAccess access, IOptions<LimitChangeOptions> options)
{
    public async Task<LimitChangeRequest> RequestAsync(RequestLimitChangeCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.Sales) && !user.IsInRole(Roles.CreditManager))
        {
            throw AppException.Forbidden("Limit changes are requested by the account's salesperson or a credit manager.");
        }

        var customer = await access.CustomerAsync(user, command.CustomerId, cancellationToken);
        var input = new InputRules();
        var chosen = input.Choice<LimitChangeKind>("kind", command.Kind);
        var kindKnown = chosen is not null;
        var kind = chosen ?? default;

        var reason = input.Text("reason", command.Reason, 2000, required: true);
        var profile = await cases.Db.Set<CreditProfile>().FirstOrDefaultAsync(p => p.CustomerId == customer.Id, cancellationToken);
        var today = DateOnly.FromDateTime(cases.Now.UtcDateTime);
        var current = profile?.CreditLimit ?? 0m;
        var requested = command.RequestedLimit;
        FinancialStatements? statements = null;
        if (kindKnown)
        {
            requested = CheckAmounts(kind, command, current, today, input);
            statements = await CheckStatementsAsync(kind, command.Statements, current, requested, customer.Id, today, input, cancellationToken);
        }

        // Every field at fault first (400), then the state of the customer (409).
        input.ThrowIfAny();
        var allowed = kind == LimitChangeKind.Reinstatement ? CustomerStatus.Suspended : CustomerStatus.Active;
        if (profile is null || customer.Status != allowed)
        {
            throw AppException.Conflict(ErrorCodes.InvalidState,
                kind == LimitChangeKind.Reinstatement
                    ? $"{customer.Name} is not suspended; only a suspended customer is reinstated."
                    : $"{customer.Name} is {customer.Status.ToString().ToLowerInvariant()}; limit changes are for active customers.");
        }

        if (await cases.Db.Set<LimitChangeRequest>().AnyAsync(r => r.CustomerId == customer.Id && r.Status == LimitChangeStatus.InProgress, cancellationToken))
        {
            throw AppException.Conflict(ErrorCodes.Duplicate, $"{customer.Name} has a limit change in progress; decide it first.");
        }

        var change = new LimitChangeRequest
        {
            Id = Guid.NewGuid(),
            CustomerId = customer.Id,
            Kind = kind,
            Status = LimitChangeStatus.InProgress,
            CurrentLimit = current,
            RequestedLimit = requested,
            TemporaryUntil = kind == LimitChangeKind.TemporaryIncrease ? command.TemporaryUntil : null,
            Reason = reason!,
            RequestedBy = user.Name,
            StatementsJson = statements is null ? null : CreditJson.Serialize(statements),
            InstanceId = Guid.CreateVersion7(),
            CreatedAt = cases.Now,
            UpdatedAt = cases.Now,
        };
        cases.Db.Set<LimitChangeRequest>().Add(change);
        cases.Audit(user.Name, "limit-change.requested", "LimitChange", change.Id.ToString(), customer.Id, $"{kind} {requested:0.##}: {reason}");

        // The temporary limit ends at the end of its last day (UTC).
        var until = change.TemporaryUntil is { } last ? new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToString("O") : null;
        await engine.StartAsync(LimitChangeProcess.Key, new Dictionary<string, object?>
        {
            [LimitChangeProcess.Start.RequestId] = change.Id.ToString(),
            [LimitChangeProcess.Start.Kind] = kind.ToString(),
            [LimitChangeProcess.Start.Maker] = user.Name,
            [LimitChangeProcess.Start.CurrentLimit] = current,
            [LimitChangeProcess.Start.RequestedLimit] = requested,
            [LimitChangeProcess.Start.TemporaryUntil] = until,
        }, change.Id.ToString(), user.Name, change.InstanceId, cancellationToken);
        return change;
    }

    private decimal? CheckAmounts(LimitChangeKind kind, RequestLimitChangeCommand command, decimal current, DateOnly today, InputRules input)
    {
        var requested = command.RequestedLimit;
        switch (kind)
        {
            case LimitChangeKind.Increase or LimitChangeKind.TemporaryIncrease:
                if (requested is null || requested <= current)
                {
                    input.Add("requestedLimit", $"must be above the current limit of {current:0.##}");
                }

                input.Range("requestedLimit", requested, 0, ApplicationSubmission.MaxAmount);
                break;
            case LimitChangeKind.Decrease:
                if (requested is null || requested >= current || requested < 0)
                {
                    input.Add("requestedLimit", $"must be at least 0 and below the current limit of {current:0.##}");
                }

                break;
            default:
                if (requested is not null)
                {
                    input.Add("requestedLimit", $"is not used by a {kind.ToString().ToLowerInvariant()}; leave it out");
                }

                break;
        }

        if (kind == LimitChangeKind.TemporaryIncrease)
        {
            if (command.TemporaryUntil is null)
            {
                input.Add("temporaryUntil", "is required for a temporary increase");
            }

            input.DateWithin("temporaryUntil", command.TemporaryUntil, today.AddDays(1), today.AddDays(options.Value.MaxTemporaryDays), "the last day of the temporary limit");
        }
        else if (command.TemporaryUntil is not null)
        {
            input.Add("temporaryUntil", "is only for a temporary increase");
        }

        return requested;
    }

    /// <summary>
    /// Fresh statements are required for a large increase, or when those on file are too old;
    /// statements sent are checked like an application's.
    /// </summary>
    private async Task<FinancialStatements?> CheckStatementsAsync(LimitChangeKind kind, JsonElement? json, decimal current, decimal? requested, Guid customerId,
        DateOnly today, InputRules input, CancellationToken cancellationToken)
    {
        FinancialStatements? statements = null;
        if (json is { ValueKind: JsonValueKind.Object } body)
        {
            try
            {
                statements = CreditJson.Deserialize<FinancialStatements>(body.GetRawText(), "statements");
                foreach (var error in StatementValidator.Validate(statements, latestYear: today.Year + 1))
                {
                    input.Add($"statements.{error.Field}", error.Message);
                }
            }
            catch (PolicyFormatException ex)
            {
                input.Add("statements", ex.Message);
            }
        }
        else if (json is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            input.Add("statements", "must be an object { currency, years: [...] }");
        }

        if (statements is not null || kind is not (LimitChangeKind.Increase or LimitChangeKind.TemporaryIncrease) || requested is null)
        {
            return statements;
        }

        var onFile = await cases.StatementsOnFileAsync(customerId, cancellationToken);
        var newestYear = onFile?.Years.Max(y => y.Year);
        var stale = newestYear is null || new DateOnly(newestYear.Value, 12, 31).AddMonths(options.Value.StatementsMaxAgeMonths) < today;
        var large = current == 0 || (requested.Value - current) / current > (decimal)options.Value.StatementsRequiredAboveIncreaseShare;
        if (stale || large)
        {
            input.Add("statements", stale
                ? "required: the statements on file are missing or older than the policy allows"
                : $"required: the increase is above {options.Value.StatementsRequiredAboveIncreaseShare:P0} of the current limit");
        }

        return null;
    }

    public async Task<LimitChangeRequest> GetAsync(Guid id, CurrentUser user, CancellationToken cancellationToken)
    {
        var change = await cases.Db.Set<LimitChangeRequest>().FindAsync([id], cancellationToken) ?? throw AppException.NotFound($"Limit change {id}");
        if (user.SeesOnlyOwnCases && !user.Is(change.RequestedBy))
        {
            throw AppException.NotFound($"Limit change {id}");
        }

        access.AuditRead(user, "limit-change", "LimitChange", id.ToString(), change.CustomerId);
        await cases.Db.SaveChangesAsync(cancellationToken);
        return change;
    }
}
