using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>A credit manager or an admin acknowledges an alert with a comment: what they did about it. Once; audited.</summary>
public sealed class AlertAcknowledgement(CaseFile cases)
{
    public const int MaxCommentLength = 2000;

    public async Task<AlertView> AcknowledgeAsync(Guid alertId, string? comment, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.AlertAcknowledgers, user))
        {
            throw AppException.Forbidden("Early-warning alerts are acknowledged by credit managers and admins.");
        }

        var rules = new InputRules();
        var text = rules.Text("comment", comment, MaxCommentLength, required: true);
        rules.ThrowIfAny();
        var alert = await cases.Db.Set<EarlyWarningAlert>().FirstOrDefaultAsync(a => a.Id == alertId, cancellationToken) ?? throw AppException.NotFound($"Alert {alertId}");
        if (alert.Status == AlertStatus.Acknowledged)
        {
            throw AppException.Conflict(ErrorCodes.AlertAcknowledged, $"The alert was acknowledged by {alert.AcknowledgedBy} at {alert.AcknowledgedAt:u}.");
        }

        alert.Acknowledge(user.Name, cases.Now, text!);
        cases.Audit(user.Name, "early-warning.acknowledged", nameof(EarlyWarningAlert), alert.Id.ToString(), alert.CustomerId, text);
        await cases.Db.SaveChangesAsync(cancellationToken);
        var name = await cases.Db.Set<Customer>().Where(c => c.Id == alert.CustomerId).Select(c => c.Name).FirstAsync(cancellationToken);
        return AlertQueries.View(alert, name);
    }
}
