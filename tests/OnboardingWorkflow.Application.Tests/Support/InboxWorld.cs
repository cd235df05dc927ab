using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Application.Tests.Support;

/// <summary>
/// A small inbox with one task per rule to tell apart (clock: 2026-11-30 10:00 UTC):
/// <list type="table">
/// <item>t01 Acme (sally's application), analysts, due yesterday: overdue</item>
/// <item>t02 Blue River (sam's application), analysts, due today 18:00, claimed by carl</item>
/// <item>t03 Cedar (sally's), analysts and managers, no due date, claimed by ana, follow-up an hour ago</item>
/// <item>t04 Blue River, managers, due in three days</item>
/// <item>t05 Acme, assigned to sally, due in five days</item>
/// <item>t06 Blue River's limit change (sam's request), analysts, due today 15:00</item>
/// <item>t07 Cedar, candidate user ana, no due date, follow-up tomorrow</item>
/// <item>t08 Acme, analysts, completed: never listed</item>
/// <item>t09 Blue River, sales group; t10 Cedar, sales group, due in ten days</item>
/// </list>
/// Users: ana, carl (analysts), dora (analyst, disabled), mia (manager), sally, sam (sales), audrey (auditor).
/// </summary>
public static class InboxWorld
{
    public static readonly CurrentUser Ana = new("ana", [Roles.CreditAnalyst]);
    public static readonly CurrentUser Carl = new("carl", [Roles.CreditAnalyst]);
    public static readonly CurrentUser Mia = new("mia", [Roles.CreditManager]);
    public static readonly CurrentUser Sally = new("sally", [Roles.Sales]);
    public static readonly CurrentUser Sam = new("sam", [Roles.Sales]);
    public static readonly CurrentUser Audrey = new("audrey", [Roles.Auditor]);

    public static readonly Guid Acme = Id(1, 1), Blue = Id(1, 2), Cedar = Id(1, 3);
    public static readonly Guid AcmeApp = Id(2, 1), BlueApp = Id(2, 2), CedarApp = Id(2, 3), BlueChange = Id(3, 1);
    public static readonly Guid AcmeFlow = Id(4, 1), BlueFlow = Id(4, 2), CedarFlow = Id(4, 3), BlueChangeFlow = Id(4, 4);

    public static async Task SeedAsync(CaseDatabase database, string prefix = "")
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var now = database.Clock.Now;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        if (prefix == "")
        {
            await SeedPeopleAndCasesAsync(db, now);
        }

        db.AddRange(
            Task(prefix + "t01", AcmeFlow, AcmeApp, "reviewDocuments", now.AddDays(-1), groups: [Roles.CreditAnalyst]),
            Task(prefix + "t02", BlueFlow, BlueApp, "reviewDocuments", today.AddHours(18), groups: [Roles.CreditAnalyst]),
            Task(prefix + "t03", CedarFlow, CedarApp, "approveAnalyst", null, groups: [Roles.CreditAnalyst, Roles.CreditManager], followUp: now.AddHours(-1), priority: 70),
            Task(prefix + "t04", BlueFlow, BlueApp, "approveManager", now.AddDays(3), groups: [Roles.CreditManager]),
            Task(prefix + "t05", AcmeFlow, AcmeApp, "collectDocuments", now.AddDays(5), assignee: "sally"),
            Task(prefix + "t06", BlueChangeFlow, BlueChange, "approveLimitAnalyst", today.AddHours(15), groups: [Roles.CreditAnalyst], priority: 80, process: "creditLimitChange"),
            Task(prefix + "t07", CedarFlow, CedarApp, "reviewDocuments", null, users: ["ana"], followUp: now.AddDays(1)),
            Task(prefix + "t08", AcmeFlow, AcmeApp, "reviewDocuments", now.AddDays(-3), groups: [Roles.CreditAnalyst], status: "Completed"),
            Task(prefix + "t09", BlueFlow, BlueApp, "uploadContract", null, groups: [Roles.Sales]),
            Task(prefix + "t10", CedarFlow, CedarApp, "uploadContract", now.AddDays(10), groups: [Roles.Sales]));
        foreach (var (task, user, at) in new[] { ("t02", "carl", now.AddHours(-2)), ("t03", "ana", now.AddHours(-3)), ("t08", "ana", now.AddDays(-4)) })
        {
            db.Add(new TaskClaim { TaskId = prefix + task, UserName = user, ClaimedAt = at });
            db.ChangeTracker.Entries<WorkflowTaskEntity>().Single(e => e.Entity.Id == prefix + task).Entity.ClaimedBy = user;
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The world six times over (task ids prefixed "", "a" to "e": many tasks share a case, so
    /// sorts by case data meet ties), plus tasks offered to the risk committee: r01 on Acme's
    /// application and x01-x40 on instances without a case. Large enough that the inbox sorts the
    /// first page by case data from the case side (<see cref="TaskInbox.SortsFromCases"/>).
    /// </summary>
    public static async Task SeedWideAsync(CaseDatabase database)
    {
        foreach (var prefix in new[] { "", "a", "b", "c", "d", "e" })
        {
            await SeedAsync(database, prefix);
        }

        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        db.Add(Task("r01", AcmeFlow, AcmeApp, "approveCommittee", null, groups: [Roles.RiskCommittee]));
        for (var i = 1; i <= 40; i++)
        {
            var orphan = Id(5, i);
            db.Add(Task($"x{i:D2}", orphan, orphan, "approveCommittee", null, groups: [Roles.RiskCommittee]));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A manager who is also an analyst: tasks offered to both groups are offered to her once.</summary>
    public static readonly CurrentUser Max = new("max", [Roles.CreditAnalyst, Roles.CreditManager]);

    /// <summary>
    /// The world plus tasks that tell the inbox's index ranges apart (the ranges must neither miss
    /// nor count twice):
    /// <list type="table">
    /// <item>u01 Acme, assigned to ana and claimed by her, due tomorrow</item>
    /// <item>u02 Cedar, offered to ana by name and to the analysts, due in two days</item>
    /// <item>u03 Blue River, offered to ana and carl by name, claimed by carl, due in four days</item>
    /// <item>u04 Acme, assigned to ana but claimed by carl, due yesterday</item>
    /// <item>u05 Cedar, offered to nobody and assigned to nobody, due in six days</item>
    /// <item>u06 Blue River, analysts and managers (t03's key), nobody claimed it, due today 12:00, follow-up an hour ago</item>
    /// <item>u07 Acme, assigned to ana, offered to the managers, follow-up two hours ago, no due date</item>
    /// </list>
    /// </summary>
    public static async Task SeedRangesAsync(CaseDatabase database)
    {
        await SeedAsync(database);
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var now = database.Clock.Now;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        db.AddRange(
            Task("u01", AcmeFlow, AcmeApp, "collectDocuments", now.AddDays(1), assignee: "ana"),
            Task("u02", CedarFlow, CedarApp, "reviewDocuments", now.AddDays(2), users: ["ana"], groups: [Roles.CreditAnalyst]),
            Task("u03", BlueFlow, BlueApp, "reviewDocuments", now.AddDays(4), users: ["ana", "carl"]),
            Task("u04", AcmeFlow, AcmeApp, "reviewDocuments", now.AddDays(-1).AddHours(1), assignee: "ana"),
            Task("u05", CedarFlow, CedarApp, "reviewDocuments", now.AddDays(6)),
            Task("u06", BlueFlow, BlueApp, "approveAnalyst", today.AddHours(12), groups: [Roles.CreditAnalyst, Roles.CreditManager], followUp: now.AddHours(-1)),
            Task("u07", AcmeFlow, AcmeApp, "approveManager", null, assignee: "ana", groups: [Roles.CreditManager], followUp: now.AddHours(-2)));
        foreach (var (task, user) in new[] { ("u01", "ana"), ("u03", "carl"), ("u04", "carl") })
        {
            db.Add(new TaskClaim { TaskId = task, UserName = user, ClaimedAt = now.AddHours(-1) });
            db.ChangeTracker.Entries<WorkflowTaskEntity>().Single(e => e.Entity.Id == task).Entity.ClaimedBy = user;
        }

        await db.SaveChangesAsync();
    }

    /// <summary>An open task of Cedar's application with these candidates, due in <paramref name="days"/> days; saved at once.</summary>
    public static async Task AddTaskAsync(CaseDatabase database, string id, string[] users, string[] groups, int days)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        db.Add(Task(id, CedarFlow, CedarApp, "reviewDocuments", database.Clock.Now.AddDays(days), users: users, groups: groups));
        await db.SaveChangesAsync();
    }

    private static async Task SeedPeopleAndCasesAsync(OnboardingDbContext db, DateTimeOffset now)
    {
        var roles = new[] { Roles.CreditAnalyst, Roles.CreditManager, Roles.Sales, Roles.Auditor }
            .ToDictionary(r => r, r => new IdentityRole(r) { NormalizedName = r.ToUpperInvariant() });
        db.Roles.AddRange(roles.Values);
        foreach (var (name, role, disabled) in new[] { ("ana", Roles.CreditAnalyst, false), ("carl", Roles.CreditAnalyst, false), ("dora", Roles.CreditAnalyst, true),
                     ("mia", Roles.CreditManager, false), ("sally", Roles.Sales, false), ("sam", Roles.Sales, false), ("audrey", Roles.Auditor, false) })
        {
            var user = new AppUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), Email = $"{name}@example.com", LockoutEnabled = disabled };
            if (disabled)
            {
                user.LockoutEnd = DateTimeOffset.MaxValue;
            }

            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role].Id });
        }

        db.AddRange(
            new Customer { Id = Acme, Name = "Acme Trading", RegistrationNumber = "91000001", Owner = "sally", CreatedAt = now },
            new Customer { Id = Blue, Name = "Blue River Ltd", RegistrationNumber = "91000002", Owner = "sam", CreatedAt = now },
            new Customer { Id = Cedar, Name = "Cedar Works", RegistrationNumber = "92000003", Owner = "sally", CreatedAt = now });
        db.AddRange(
            new OnboardingApplication { Id = AcmeApp, CustomerId = Acme, Maker = "sally", RequestedLimit = 50_000m, InstanceId = AcmeFlow, CreatedAt = now },
            new OnboardingApplication { Id = BlueApp, CustomerId = Blue, Maker = "sam", RequestedLimit = 120_000m, InstanceId = BlueFlow, CreatedAt = now },
            new OnboardingApplication { Id = CedarApp, CustomerId = Cedar, Maker = "Sally ", RequestedLimit = 80_000m, InstanceId = CedarFlow, CreatedAt = now });
        db.Add(new LimitChangeRequest
        {
            Id = BlueChange, CustomerId = Blue, Kind = LimitChangeKind.Increase, RequestedLimit = 200_000m, CurrentLimit = 100_000m, Reason = "more orders",
            RequestedBy = "sam", InstanceId = BlueChangeFlow, CreatedAt = now,
        });
        await db.SaveChangesAsync();
    }

    private static WorkflowTaskEntity Task(string id, Guid instance, Guid caseId, string element, DateTimeOffset? due, string[]? groups = null, string[]? users = null,
        string? assignee = null, DateTimeOffset? followUp = null, int priority = 50, string status = "Open", string process = "customerOnboarding")
    {
        var task = new WorkflowTaskEntity
        {
            Id = id, InstanceId = instance, ProcessKey = process, BusinessKey = caseId.ToString(), ElementId = element, Name = element, Assignee = assignee,
            FollowUpDate = followUp, Priority = priority, CreatedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddHours(int.Parse(id[^2..])),
            Status = status,
            CandidateKey = WorkflowTaskEntity.CandidateKeyOf(users ?? [], groups ?? []),
            Candidates =
            [
                .. (groups ?? []).Select(g => new WorkflowTaskCandidateEntity { TaskId = id, Kind = WorkflowTaskCandidateEntity.GroupKind, Value = g }),
                .. (users ?? []).Select(u => new WorkflowTaskCandidateEntity { TaskId = id, Kind = WorkflowTaskCandidateEntity.UserKind, Value = u }),
            ],
        };
        task.SetDueDate(due);
        return task;
    }

    private static Guid Id(int kind, int i) => new($"{kind:D8}-0000-4000-8000-{i:D12}");
}
