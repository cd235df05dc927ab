using Microsoft.AspNetCore.Identity;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>What the decision link page shows: the link's check, and when it allows acting, the task's summary and whether the password is asked.</summary>
public sealed record LinkReviewView(EmailActionCheck Check, TaskMailSummary? Summary, bool NeedsPassword)
{
    public string? Decision => Check.Token?.Decision;
}

/// <summary>
/// The decision link page's use case. Opening a link only reads (a link scanner opens it too); the
/// read of the case is audited on the link's channel. Deciding rechecks the link, asks the second
/// step when the case's amount is above the threshold (the user's password: a failure counts
/// towards the account's lockout, and a locked-out account is refused), then acts through
/// <see cref="EmailActions.DecideAsync"/> as the link's user.
/// </summary>
public sealed class LinkReview(EmailActions actions, TaskMailSummaries summaries, CaseFile cases, UserManager<AppUser> users)
{
    /// <summary>The code of a refusal because the account is locked out after failed passwords.</summary>
    public const string LockedOut = "locked_out";

    /// <summary>The amount above which the password is asked, or null.</summary>
    public decimal? StepUpAmount => actions.Options.StepUpAmount;

    public async Task<LinkReviewView> OpenAsync(string? token, bool audit, CancellationToken cancellationToken)
    {
        var check = await actions.CheckLinkAsync(token, cancellationToken);
        if (!check.Allowed || check.Task is not { } task || check.User is not { UserName: { } name })
        {
            return new LinkReviewView(check, null, false);
        }

        var summary = await summaries.GetAsync(task, cancellationToken);
        if (audit)
        {
            cases.Channel = Channels.EmailLink;
            try
            {
                cases.Audit(name, "task.read", "Task", task.Id, summary.CustomerId);
                await cases.Db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                cases.Channel = null;
            }
        }

        return new LinkReviewView(check, summary, actions.NeedsStepUp(summary.Amount));
    }

    /// <summary>The language of the link's user (their preference), or null when the link names nobody.</summary>
    public async Task<string?> CultureAsync(string? token, CancellationToken cancellationToken)
    {
        var check = await actions.CheckLinkAsync(token, cancellationToken);
        return check.User?.PreferredCulture;
    }

    public async Task<EmailActionResult> DecideAsync(string? token, string? comment, string? password, CancellationToken cancellationToken)
    {
        var view = await OpenAsync(token, audit: false, cancellationToken);
        var check = view.Check;
        if (!check.Allowed || check.User is not { } user || view.Decision is not { } decision)
        {
            return new EmailActionResult(check.Allowed ? EmailRefusal.Invalid : check.Refusal);
        }

        if (view.NeedsPassword && await StepUpAsync(user, password) is { } refused)
        {
            return refused;
        }

        return await actions.DecideAsync(check, decision, comment, Channels.EmailLink, cancellationToken);
    }

    /// <summary>Checks the password of the second step; null when it passed.</summary>
    private async Task<EmailActionResult?> StepUpAsync(AppUser user, string? password)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return new EmailActionResult(EmailRefusal.StepUpFailed, Code: LockedOut);
        }

        if (string.IsNullOrEmpty(password) || password.Length > 256 || !await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return new EmailActionResult(EmailRefusal.StepUpFailed, Code: await users.IsLockedOutAsync(user) ? LockedOut : null);
        }

        await users.ResetAccessFailedCountAsync(user);
        return null;
    }
}
