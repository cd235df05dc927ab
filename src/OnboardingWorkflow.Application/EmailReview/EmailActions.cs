using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>Why an e-mail action did nothing; each is told to the person in their language.</summary>
public enum EmailRefusal
{
    None,

    /// <summary>The token was altered, is unknown, or is not for this kind of action.</summary>
    Invalid,
    Expired,

    /// <summary>The token was already used, by this or another message.</summary>
    Used,

    /// <summary>The task was completed (by anyone, anywhere) or withdrawn.</summary>
    TaskEnded,

    /// <summary>The task was given to someone else after the e-mail was sent.</summary>
    Reassigned,

    /// <summary>The account was disabled, or no longer exists.</summary>
    UserDisabled,

    /// <summary>A reply came from an address other than the user's registered one.</summary>
    WrongSender,

    /// <summary>The amount needs the second step (the password on the link page); a reply cannot give it.</summary>
    StepUpRequired,

    /// <summary>The password given for the second step was wrong.</summary>
    StepUpFailed,

    /// <summary>The case rules refused the decision (authority, maker-checker, the task's contract): <see cref="EmailActionResult.Message"/> says why.</summary>
    Refused,
}

/// <summary>A token checked: what it allows (the task, the user, the decision) or why it allows nothing.</summary>
public sealed record EmailActionCheck(EmailRefusal Refusal, EmailActionToken? Token = null, TaskRecord? Task = null, AppUser? User = null)
{
    public bool Allowed => Refusal == EmailRefusal.None;
}

/// <summary>What an e-mail action came to: decided, or refused with the reason (and the use case's message when the case rules refused).</summary>
public sealed record EmailActionResult(EmailRefusal Refusal, string? Message = null, string? Code = null)
{
    public bool Decided => Refusal == EmailRefusal.None;

    public static readonly EmailActionResult Done = new(EmailRefusal.None);
}

/// <summary>
/// The one home of acting from an e-mail, by link or by reply. Issues the tokens a task e-mail
/// carries, checks them (genuine, unexpired, unused, the task still open and still the user's, the
/// account enabled, for a reply the registered sender), and acts through <see cref="TaskActions"/>:
/// the same contract, authority matrix, maker-checker and audit as the dashboard, with the channel
/// written on the decision and its audit line. The token is marked used in the same commit as the
/// decision; two servers using one token at once meet its concurrency token and one of them wins.
/// An action runs in a unit of work of its own: after a refusal nothing it added is left to save.
/// </summary>
public sealed class EmailActions(CaseFile cases, WorkflowEngine engine, TaskActions actions, UserManager<AppUser> users, ITokenProtector protector,
    IOptions<EmailReviewOptions> options)
{
    /// <summary>The prefix of a reply reference in a subject line: "[OWF-...]".</summary>
    public const string ReplyPrefix = "OWF-";

    public EmailReviewOptions Options => options.Value;

    /// <summary>A link for one decision on the task, for the user; the row is saved with the caller's unit of work.</summary>
    public string IssueLink(TaskRecord task, string userName, string decision) =>
        protector.Protect(Add(task, userName, EmailActionKind.Link, decision).Id, Expiry());

    /// <summary>The reference a reply to the task's e-mail quotes (in its subject, or its reply-to address).</summary>
    public string IssueReply(TaskRecord task, string userName) => ReplyReference.Format(Add(task, userName, EmailActionKind.Reply, null).Id);

    private DateTimeOffset Expiry() => cases.Now + options.Value.TokenLifetime;

    private EmailActionToken Add(TaskRecord task, string userName, EmailActionKind kind, string? decision)
    {
        var token = new EmailActionToken
        {
            Id = NewId(),
            TaskId = task.Id,
            UserName = userName,
            Kind = kind,
            Decision = decision,
            AssigneeAtIssue = task.Assignee,
            CreatedAt = cases.Now,
            ExpiresAt = Expiry(),
        };
        cases.Db.Set<EmailActionToken>().Add(token);
        return token;
    }

    /// <summary>128 random bits: a reply reference is not signed, so it must not be guessable.</summary>
    private static Guid NewId() => new(RandomNumberGenerator.GetBytes(16));

    /// <summary>Checks a decision link. Reading it changes nothing: a GET (or a link scanner) only ever gets here.</summary>
    public async Task<EmailActionCheck> CheckLinkAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000 || protector.Open(token) is not { } opened)
        {
            return new EmailActionCheck(EmailRefusal.Invalid);
        }

        var row = await cases.Db.Set<EmailActionToken>().FindAsync([opened.Id], cancellationToken);
        if (row is not { Kind: EmailActionKind.Link })
        {
            return new EmailActionCheck(EmailRefusal.Invalid);
        }

        // A genuine link past its signed expiry is "expired", also should its row say otherwise.
        var check = await CheckAsync(row, cancellationToken);
        return opened.Expired && check.Refusal is EmailRefusal.None ? check with { Refusal = EmailRefusal.Expired } : check;
    }

    /// <summary>Checks a reply's reference and its sender: only the user's registered address counts.</summary>
    public async Task<EmailActionCheck> CheckReplyAsync(Guid reference, string? sender, CancellationToken cancellationToken)
    {
        var row = await cases.Db.Set<EmailActionToken>().FindAsync([reference], cancellationToken);
        if (row is not { Kind: EmailActionKind.Reply })
        {
            return new EmailActionCheck(EmailRefusal.Invalid);
        }

        var check = await CheckAsync(row, cancellationToken);
        if (check.User is { } user && !string.Equals(user.Email?.Trim(), sender?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return check with { Refusal = EmailRefusal.WrongSender };
        }

        return check;
    }

    private async Task<EmailActionCheck> CheckAsync(EmailActionToken row, CancellationToken cancellationToken)
    {
        var user = await users.FindByNameAsync(row.UserName);
        var task = await engine.Options.Instances.FindTaskAsync(row.TaskId, cancellationToken);
        // A task of a group that someone else has claimed (or been handed) is theirs now, as much as a new assignee's.
        var claimer = task is null ? null
            : await cases.Db.Set<TaskClaim>().AsNoTracking().Where(c => c.TaskId == task.Id).Select(c => c.UserName).FirstOrDefaultAsync(cancellationToken);
        var refusal = row.UsedAt is not null ? EmailRefusal.Used
            : row.ExpiresAt <= cases.Now ? EmailRefusal.Expired
            : user is null || user.IsDisabled() ? EmailRefusal.UserDisabled
            : task is not { Status: UserTaskStatus.Open } ? EmailRefusal.TaskEnded
            : !Identities.SameAssignment(task.Assignee, row.AssigneeAtIssue) ? EmailRefusal.Reassigned
            : claimer is not null && !Identities.Same(claimer, row.UserName) ? EmailRefusal.Reassigned
            : EmailRefusal.None;
        return new EmailActionCheck(refusal, row, task, user);
    }

    /// <summary>Whether the task's case needs the second step before an e-mail may decide it.</summary>
    public bool NeedsStepUp(decimal? amount) => options.Value.StepUpAmount is { } threshold && amount > threshold;

    /// <summary>
    /// Decides the task as the token's user, through the dashboard's use case, marking the token used in
    /// the same commit. <paramref name="decision"/> is the link's own decision, or what a reply said.
    /// A refusal leaves nothing to save: the unit of work's changes are dropped.
    /// </summary>
    public async Task<EmailActionResult> DecideAsync(EmailActionCheck check, string decision, string? comment, string channel, CancellationToken cancellationToken)
    {
        if (!check.Allowed || check.Token is not { } token || check.Task is not { } task || check.User is not { UserName: { } name } user)
        {
            return new EmailActionResult(check.Allowed ? EmailRefusal.Invalid : check.Refusal);
        }

        var roles = await users.GetRolesAsync(user);
        token.UsedAt = cases.Now;
        token.Outcome = "decided";
        token.Revision++;
        cases.Channel = channel;
        try
        {
            await actions.CompleteAsync(task.Id, new TaskDecision(decision, comment, null), new CurrentUser(name, roles.ToList()), cancellationToken);
            return EmailActionResult.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            cases.Db.ChangeTracker.Clear();
            return new EmailActionResult(EmailRefusal.Used);
        }
        catch (Exception exception) when (Refusals.Translate(exception) is { } refusal)
        {
            cases.Db.ChangeTracker.Clear();
            return refusal.Code == ErrorCodes.TaskAlreadyCompleted
                ? new EmailActionResult(EmailRefusal.TaskEnded, refusal.Message, refusal.Code)
                : new EmailActionResult(EmailRefusal.Refused, refusal.Message, refusal.Code);
        }
        finally
        {
            cases.Channel = null;
        }
    }
}

/// <summary>The reference of a reply in a subject line or an address: "OWF-" and the token's 128 bits in 26 base-32 letters.</summary>
public static class ReplyReference
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Format(Guid id)
    {
        var bytes = id.ToByteArray();
        var text = new System.Text.StringBuilder(EmailActions.ReplyPrefix, 30);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }

    /// <summary>The first reference in <paramref name="text"/> (a subject, an address), or null.</summary>
    public static Guid? Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var at = text.IndexOf(EmailActions.ReplyPrefix, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            if (Parse(text.AsSpan(at + EmailActions.ReplyPrefix.Length)) is { } id)
            {
                return id;
            }

            at = text.IndexOf(EmailActions.ReplyPrefix, at + 1, StringComparison.OrdinalIgnoreCase);
        }

        return null;
    }

    private static Guid? Parse(ReadOnlySpan<char> text)
    {
        if (text.Length < 26)
        {
            return null;
        }

        var bytes = new byte[16];
        int buffer = 0, bits = 0, written = 0;
        for (var i = 0; i < 26; i++)
        {
            var value = Alphabet.IndexOf(char.ToLowerInvariant(text[i]));
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8 && written < 16)
            {
                bytes[written++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        return text.Length > 26 && char.IsLetterOrDigit(text[26]) ? null : new Guid(bytes);
    }
}
