using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>What one run of the daily digest did.</summary>
public sealed record TaskDigestRun(DateOnly Day, int Subscribers, int Sent, int NothingOpen, int TakenElsewhere);

/// <summary>
/// The daily digest (the "task-digest" job): each enabled user who asked for it
/// (<see cref="AppUser.TaskDigest"/>) and has an e-mail address gets one e-mail a day listing
/// their open tasks: assigned to them, claimed by them, or offered to them (as a candidate user,
/// or through a group, while nobody has claimed it). A user with no open task gets nothing that day.
/// The day's <see cref="TaskDigest"/> row (unique per user and day) and the outbox message are
/// saved together, so a retry or a second server sends no second digest.
/// </summary>
public sealed class TaskDigestSweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TaskDigestSweep> logger)
{
    /// <summary>The most tasks one digest lists; the count in its subject is the full one.</summary>
    public const int MaxListed = 50;

    public const int PageSize = 200;

    public async Task<TaskDigestRun> RunAsync(CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var run = new TaskDigestRun(day, 0, 0, 0, 0);
        var after = "";
        while (true)
        {
            List<string> page;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
                page = await db.Users.AsNoTracking()
                    .Where(u => u.TaskDigest && u.Email != null && u.Email != "" && string.Compare(u.Id, after) > 0)
                    .OrderBy(u => u.Id).Select(u => u.Id).Take(PageSize).ToListAsync(cancellationToken);
            }

            if (page.Count == 0)
            {
                return run;
            }

            after = page[^1];
            foreach (var userId in page)
            {
                var outcome = await SendAsync(userId, day, cancellationToken);
                run = outcome switch
                {
                    DigestOutcome.Sent => run with { Subscribers = run.Subscribers + 1, Sent = run.Sent + 1 },
                    DigestOutcome.NothingOpen => run with { Subscribers = run.Subscribers + 1, NothingOpen = run.NothingOpen + 1 },
                    DigestOutcome.TakenElsewhere => run with { Subscribers = run.Subscribers + 1, TakenElsewhere = run.TakenElsewhere + 1 },
                    _ => run,
                };
            }
        }
    }

    private async Task<DigestOutcome> SendAsync(string userId, DateOnly day, CancellationToken cancellationToken)
    {
        string? userName = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<OnboardingDbContext>();
            var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
            userName = user.UserName;
            if (user.IsDisabled() || userName is null)
            {
                return DigestOutcome.Skipped;
            }

            if (await db.Set<TaskDigest>().AnyAsync(d => d.UserName == userName && d.Day == day, cancellationToken))
            {
                return DigestOutcome.TakenElsewhere;
            }

            var roles = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               where ur.UserId == userId
                               select r.Name!).ToListAsync(cancellationToken);
            var open = Open(db, userName, roles);
            var count = await open.CountAsync(cancellationToken);
            if (count == 0)
            {
                return DigestOutcome.NothingOpen;
            }

            var tasks = await open.OrderBy(t => t.DueOrder).ThenBy(t => t.Id).Take(MaxListed)
                .Select(t => new { t.Id, t.Assignee, t.ClaimedBy, t.DueDate }).ToListAsync(cancellationToken);
            var culture = Languages.Find(user.PreferredCulture) ?? Languages.Default;
            var engine = services.GetRequiredService<WorkflowEngine>();
            var summaries = services.GetRequiredService<TaskMailCases>();
            var now = clock.GetUtcNow();
            var lines = new List<TaskDigestLine>();
            foreach (var row in tasks)
            {
                if (await engine.Options.Instances.FindTaskAsync(row.Id, cancellationToken) is not { } task)
                {
                    continue;
                }

                var summary = await summaries.GetAsync(task, culture, cancellationToken);
                var how = Identities.Same(row.Assignee, userName) ? "assigned" : Identities.Same(row.ClaimedBy, userName) ? "claimed" : "offered";
                lines.Add(new TaskDigestLine(summary.Customer, summary.TaskName, summary.DueDate, row.DueDate is { } due && due <= now, how));
            }

            var options = services.GetRequiredService<IOptions<EmailReviewOptions>>().Value;
            var model = new TaskDigestModel(user.DisplayName ?? userName, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), count, lines,
                options.PublicBaseUrl is { } root ? root.TrimEnd('/') + "/" : null);
            var (subject, body) = TaskMails.Render(culture, model);
            db.Set<TaskDigest>().Add(new TaskDigest { UserName = userName, Day = day, OpenTasks = count, SentAt = now });
            services.GetRequiredService<IEmailOutbox>().Enqueue(new EmailMessage([user.Email!], subject, body, Category: $"{TaskMails.Category}.{TaskMails.DigestKind}",
                CorrelationId: $"{userName}/{model.Day}"));
            await db.SaveChangesAsync(cancellationToken);
            return DigestOutcome.Sent;
        }
        catch (DbUpdateException exception)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
            if (userName is not null && await db.Set<TaskDigest>().AnyAsync(d => d.UserName == userName && d.Day == day, cancellationToken))
            {
                return DigestOutcome.TakenElsewhere;
            }

            logger.LogError(exception, "The task digest of {User} for {Day} could not be saved; the next run tries again", userName ?? userId, day);
            return DigestOutcome.Failed;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "The task digest of {User} for {Day} failed; the next run tries again", userName ?? userId, day);
            return DigestOutcome.Failed;
        }
    }

    /// <summary>The user's open tasks: assigned to them, claimed by them, or offered to them (by name or group) and claimed by nobody.</summary>
    private static IQueryable<WorkflowTaskEntity> Open(OnboardingDbContext db, string userName, IReadOnlyList<string> roles)
    {
        var open = nameof(Engine.Stores.UserTaskStatus.Open);
        var candidates = db.Set<WorkflowTaskCandidateEntity>();
        return db.Set<WorkflowTaskEntity>().AsNoTracking().Where(t => t.Status == open
            && (t.Assignee == userName || t.ClaimedBy == userName
                || (t.Assignee == null && t.ClaimedBy == null && candidates.Any(c => c.TaskId == t.Id
                    && ((c.Kind == WorkflowTaskCandidateEntity.UserKind && c.Value == userName) || (c.Kind == WorkflowTaskCandidateEntity.GroupKind && roles.Contains(c.Value)))))));
    }

    private enum DigestOutcome
    {
        Sent,
        NothingOpen,
        TakenElsewhere,
        Skipped,
        Failed,
    }
}
