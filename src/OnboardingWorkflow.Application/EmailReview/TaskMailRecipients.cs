using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Engine;

namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>
/// Who a task e-mail goes to, as user names of enabled accounts with an e-mail address: the task's
/// assignee (or the user who claimed it); else its candidate users; else the members of its
/// candidate groups. Answers are kept for the page of tasks being worked, so a committee of three
/// or a group of fifty is read once per page, not once per task.
/// </summary>
internal sealed class TaskMailRecipients(IServiceScopeFactory scopes)
{
    private readonly Dictionary<string, string?> _reachable = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IReadOnlyList<string>> _groups = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<string>> OfTaskAsync(WorkflowTaskEntity task, CancellationToken cancellationToken)
    {
        if ((task.Assignee ?? task.ClaimedBy) is { } owner)
        {
            return await ReachableAsync([owner], cancellationToken);
        }

        var users = task.Candidates.Where(c => c.Kind == WorkflowTaskCandidateEntity.UserKind).Select(c => c.Value).ToList();
        if (users.Count > 0)
        {
            return await ReachableAsync(users, cancellationToken);
        }

        var members = new List<string>();
        foreach (var group in task.Candidates.Where(c => c.Kind == WorkflowTaskCandidateEntity.GroupKind).Select(c => c.Value))
        {
            members.AddRange(await OfGroupAsync(group, cancellationToken));
        }

        return members.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The enabled members with an e-mail address of a group (a role), in name order.</summary>
    public async Task<IReadOnlyList<string>> OfGroupAsync(string group, CancellationToken cancellationToken)
    {
        if (_groups.TryGetValue(group, out var known))
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var normalized = group.Trim().ToUpperInvariant();
        var members = await (from u in db.Users
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             where r.NormalizedName == normalized
                             select u).AsNoTracking().ToListAsync(cancellationToken);
        var reachable = members.Where(Reachable).Select(u => u.UserName!).Order(StringComparer.Ordinal).ToList();
        _groups[group] = reachable;
        return reachable;
    }

    private async Task<IReadOnlyList<string>> ReachableAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var unknown = names.Where(n => !_reachable.ContainsKey(n)).Select(n => n.Trim().ToUpperInvariant()).Distinct().ToList();
        if (unknown.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
            var found = await db.Users.AsNoTracking().Where(u => unknown.Contains(u.NormalizedUserName!)).ToListAsync(cancellationToken);
            foreach (var name in names)
            {
                var user = found.FirstOrDefault(u => string.Equals(u.NormalizedUserName, name.Trim().ToUpperInvariant(), StringComparison.Ordinal));
                _reachable[name] = user is not null && Reachable(user) ? user.UserName : null;
            }
        }

        // The notice is kept under the account's own spelling of the name.
        return names.Select(n => _reachable[n]).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static bool Reachable(Data.Identity.AppUser user) => !user.IsDisabled() && !string.IsNullOrWhiteSpace(user.Email) && user.UserName is not null;
}
