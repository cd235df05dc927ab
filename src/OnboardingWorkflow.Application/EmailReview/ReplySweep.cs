using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>What one run of the reply sweep did.</summary>
public sealed record ReplySweepResult(int Processed, int MovedOnly, int Skipped)
{
    public static readonly ReplySweepResult Nothing = new(0, 0, 0);
}

/// <summary>The outcomes recorded on an <see cref="InboundEmail"/>.</summary>
public static class ReplyOutcomes
{
    public const string Decided = "decided";
    public const string AutoReply = "auto-reply";
    public const string NoToken = "no-token";
    public const string NotUnderstood = "not-understood";
    public const string WrongSender = "wrong-sender";
    public const string StepUp = "step-up";

    /// <summary>The outcome of a refused check or decision.</summary>
    public static string Of(EmailRefusal refusal) => refusal switch
    {
        EmailRefusal.None => Decided,
        EmailRefusal.Invalid => NoToken,
        EmailRefusal.Expired => "expired",
        EmailRefusal.Used => "used",
        EmailRefusal.TaskEnded => "task-ended",
        EmailRefusal.Reassigned => "reassigned",
        EmailRefusal.UserDisabled => "user-disabled",
        EmailRefusal.WrongSender => WrongSender,
        EmailRefusal.StepUpRequired or EmailRefusal.StepUpFailed => StepUp,
        EmailRefusal.Refused => "refused",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Unknown refusal."),
    };
}

/// <summary>
/// Acts on the replies in the reviewers' mailbox (recurring job "email-replies"). Each message, by
/// UID, is first recorded as an <see cref="InboundEmail"/>: the unique (mailbox, UIDVALIDITY, UID)
/// insert decides which run, on which server, processes it; a message already processed but still
/// in the folder after <see cref="MoveGrace"/> is only moved. Then, in a unit of work of its own, the reply's reference and sender
/// are checked and the decision of its first line taken through <see cref="EmailActions"/> (the
/// dashboard's use case); the outcome, the answer to the person (through the outbox, in their
/// language) and the audit line of a refusal are written in a second unit of work, since the first
/// must not be saved after a refusal. Last the message moves to the processed folder.
/// A run that dies between the decision and its record leaves the row unprocessed; after
/// <see cref="ClaimTimeout"/> a later run takes it over (the token, used by then, decides nothing twice).
/// Automatic messages are recorded and never answered; a reply from another address than the
/// user's registered one is recorded and audited, and its sender gets no answer.
/// </summary>
public sealed class ReplySweep(IServiceScopeFactory scopes, IReplyMailboxConnector connector, TimeProvider clock, ILogger<ReplySweep> logger)
{
    /// <summary>How long a row recorded but not processed belongs to the run that recorded it.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(15);

    /// <summary>How long a processed message is left to the run that processed it to move.</summary>
    public static readonly TimeSpan MoveGrace = TimeSpan.FromMinutes(2);

    public async Task<ReplySweepResult> RunAsync(CancellationToken cancellationToken)
    {
        if (!connector.IsConfigured)
        {
            return ReplySweepResult.Nothing;
        }

        await using var mailbox = await connector.OpenAsync(cancellationToken);
        int processed = 0, movedOnly = 0, skipped = 0;
        foreach (var uid in await mailbox.UidsAsync(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (await ProcessAsync(mailbox, uid, cancellationToken))
            {
                case Step.Processed: processed++; break;
                case Step.MovedOnly: movedOnly++; break;
                default: skipped++; break;
            }
        }

        if (processed + movedOnly > 0)
        {
            logger.LogInformation("Replies in {Mailbox}: {Processed} processed, {Moved} only moved, {Skipped} left to others", mailbox.Name, processed, movedOnly, skipped);
        }

        return new ReplySweepResult(processed, movedOnly, skipped);
    }

    private enum Step
    {
        Processed,
        MovedOnly,
        Skipped,
    }

    private async Task<Step> ProcessAsync(IReplyMailbox mailbox, long uid, CancellationToken cancellationToken)
    {
        var known = await WithDbAsync(db => db.Set<InboundEmail>().AsNoTracking()
            .FirstOrDefaultAsync(m => m.Mailbox == mailbox.Name && m.UidValidity == mailbox.UidValidity && m.Uid == uid, cancellationToken));
        if (known is { ProcessedAt: { } processedAt })
        {
            // The run that processed it moves it right after; only a move it never made is made again,
            // so that two servers do not move one message at once (a mailbox may then keep two copies).
            if (processedAt > clock.GetUtcNow() - MoveGrace)
            {
                return Step.Skipped;
            }

            await MoveAsync(mailbox, known.Id, uid, cancellationToken);
            return Step.MovedOnly;
        }

        if (known is not null && known.ReceivedAt > clock.GetUtcNow() - ClaimTimeout)
        {
            // Another run is on it.
            return Step.Skipped;
        }

        if (await mailbox.ReadAsync(uid, cancellationToken) is not { } message)
        {
            return Step.Skipped;
        }

        var rowId = known is null ? await ClaimAsync(mailbox, message, cancellationToken) : await TakeOverAsync(known, cancellationToken);
        if (rowId is not { } id)
        {
            return Step.Skipped;
        }

        var answer = await ActAsync(message, cancellationToken);
        await RecordAsync(id, message, answer, cancellationToken);
        await MoveAsync(mailbox, id, uid, cancellationToken);
        return Step.Processed;
    }

    /// <summary>The unique insert: null when another run recorded the message first.</summary>
    private async Task<long?> ClaimAsync(IReplyMailbox mailbox, InboundReply message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var row = new InboundEmail
        {
            Mailbox = mailbox.Name,
            UidValidity = mailbox.UidValidity,
            Uid = message.Uid,
            MessageId = Cut(message.MessageId, 500),
            Sender = Cut(message.From, 320),
            Subject = Cut(message.Subject, 500),
            ReceivedAt = clock.GetUtcNow(),
        };
        db.Set<InboundEmail>().Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return row.Id;
        }
        catch (DbUpdateException)
        {
            return null;
        }
    }

    /// <summary>A row whose run died before recording the outcome: the first run to move its time on takes it.</summary>
    private async Task<long?> TakeOverAsync(InboundEmail stale, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var taken = await WithDbAsync(db => db.Set<InboundEmail>()
            .Where(m => m.Id == stale.Id && m.ProcessedAt == null && m.ReceivedAt == stale.ReceivedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReceivedAt, now), cancellationToken));
        if (taken == 1)
        {
            logger.LogWarning("Reply {Uid} of {Mailbox} was recorded at {At:o} but never processed; processing it now", stale.Uid, stale.Mailbox, stale.ReceivedAt);
        }

        return taken == 1 ? stale.Id : null;
    }

    /// <summary>What came of a reply, and whom to answer (null: nobody).</summary>
    private sealed record Answer(string Outcome, Guid? TokenId, string? To, string? UserName, ReplyAnswerModel? Model, string? TaskId);

    private async Task<Answer> ActAsync(InboundReply message, CancellationToken cancellationToken)
    {
        var reference = ReplyReader.FindReference(message);
        if (ReplyReader.IsAutomatic(message))
        {
            return new Answer(ReplyOutcomes.AutoReply, reference, null, null, null, null);
        }

        var notUnderstood = new ReplyAnswerModel(ReplyOutcomes.NoToken, "", null, null, null);
        if (reference is not { } tokenId)
        {
            return new Answer(ReplyOutcomes.NoToken, null, message.From, null, notUnderstood, null);
        }

        var reading = ReplyReader.Read(message.Text);
        await using var scope = scopes.CreateAsyncScope();
        var actions = scope.ServiceProvider.GetRequiredService<EmailActions>();
        var check = await actions.CheckReplyAsync(tokenId, message.From, cancellationToken);
        if (check.Refusal == EmailRefusal.Invalid)
        {
            return new Answer(ReplyOutcomes.NoToken, tokenId, message.From, null, notUnderstood, null);
        }

        var taskName = check.Task?.Name ?? check.Task?.ElementId ?? check.Token?.TaskId ?? "";
        var user = check.User?.UserName;
        var to = check.User?.Email;
        if (check.Refusal == EmailRefusal.WrongSender)
        {
            return new Answer(ReplyOutcomes.WrongSender, tokenId, null, user, null, check.Token?.TaskId);
        }

        Answer Refused(string outcome, string? reason = null) =>
            new(outcome, tokenId, to, user, new ReplyAnswerModel(outcome, taskName, reading.Decision, reading.Comment, reason), check.Token?.TaskId);

        if (!check.Allowed)
        {
            return Refused(ReplyOutcomes.Of(check.Refusal));
        }

        if (!reading.Understood)
        {
            return Refused(ReplyOutcomes.NotUnderstood);
        }

        // The same amount the link page compares: one home for what a task decides on.
        var summary = await scope.ServiceProvider.GetRequiredService<TaskMailSummaries>().GetAsync(check.Task!, cancellationToken);
        if (actions.NeedsStepUp(summary.Amount))
        {
            return Refused(ReplyOutcomes.StepUp);
        }

        var result = await actions.DecideAsync(check, reading.Decision!, reading.Comment, Channels.EmailReply, cancellationToken);
        return Refused(ReplyOutcomes.Of(result.Refusal), result.Message);
    }

    /// <summary>The outcome on the row, the token's last outcome, the answer in the outbox and the audit line of a refusal: one commit.</summary>
    private async Task RecordAsync(long rowId, InboundReply message, Answer answer, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var cases = scope.ServiceProvider.GetRequiredService<CaseFile>();
        var db = cases.Db;
        var row = await db.Set<InboundEmail>().FirstAsync(m => m.Id == rowId, cancellationToken);
        row.Outcome = answer.Outcome;
        row.TokenId = answer.TokenId;
        row.ProcessedAt = cases.Now;

        if (answer.TokenId is { } tokenId && answer.Outcome != ReplyOutcomes.Decided && answer.TaskId is not null)
        {
            var token = await db.Set<EmailActionToken>().FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken);
            if (token is { UsedAt: null })
            {
                token.Outcome = answer.Outcome;
            }

            cases.Channel = Channels.EmailReply;
            cases.Audit(Cut(answer.Outcome == ReplyOutcomes.WrongSender ? message.From : answer.UserName ?? message.From, 256) ?? "unknown", "email.refused", "Task",
                answer.TaskId, null, $"reply {message.MessageId} from {message.From}: {answer.Outcome}");
        }

        if (answer is { To: { Length: > 0 } to, Model: { } model })
        {
            var culture = await UserPreferences.CultureToWriteToAsync(db, answer.UserName ?? await UserNameOfAsync(db, to, cancellationToken) ?? to, cancellationToken);
            var (subject, body) = ReplyAnswers.Render(culture, model);
            scope.ServiceProvider.GetRequiredService<IEmailOutbox>()
                .Enqueue(new EmailMessage([to], subject, body, Category: ReplyAnswers.Category, CorrelationId: answer.TaskId ?? rowId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The token moved on meanwhile (used by a link): record the reply without touching it.
            db.ChangeTracker.Entries<EmailActionToken>().ToList().ForEach(e => e.State = EntityState.Unchanged);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task MoveAsync(IReplyMailbox mailbox, long rowId, long uid, CancellationToken cancellationToken)
    {
        if (!await mailbox.MoveToProcessedAsync(uid, cancellationToken))
        {
            logger.LogInformation("Reply {Uid} of {Mailbox} was no longer there to move", uid, mailbox.Name);
        }

        await WithDbAsync(db => db.Set<InboundEmail>().Where(m => m.Id == rowId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Moved, true), cancellationToken));
    }

    private static async Task<string?> UserNameOfAsync(OnboardingDbContext db, string address, CancellationToken cancellationToken)
    {
        var normalized = address.Trim().ToUpperInvariant();
        return await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<T> WithDbAsync<T>(Func<OnboardingDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<OnboardingDbContext>());
    }

    private static string? Cut(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;
}
