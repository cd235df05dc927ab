using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Application.Tests.Support;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using static OnboardingWorkflow.Application.Tests.Support.InboxWorld;

namespace OnboardingWorkflow.Application.Tests.Tasks;

/// <summary>Unclaim, delegate and task dates: who may, and the refusals. Each test works on its own copy of the world's tasks.</summary>
public abstract class TaskAssignmentFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : CaseDatabase
{
    private async Task<string> OwnTasksAsync()
    {
        var prefix = $"{Guid.NewGuid():N}"[..8] + "-";
        await InboxWorld.SeedAsync(database, prefix);
        return prefix;
    }

    private Task Act(Func<TaskAssignments, Task> action) =>
        database.RunAsync(async s =>
        {
            await action(s.GetRequiredService<TaskAssignments>());
            return 0;
        });

    private Task<TaskClaim?> ClaimAsync(string taskId) =>
        database.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<TaskClaim>().AsNoTracking().FirstOrDefaultAsync(c => c.TaskId == taskId));

    private async Task<AppException> RefusedAsync(Func<TaskAssignments, Task> action, AppErrorKind kind)
    {
        var refusal = await Assert.ThrowsAsync<AppException>(() => Act(action));
        Assert.Equal(kind, refusal.Kind);
        return refusal;
    }

    [Fact]
    public async Task Only_the_claimer_or_a_credit_manager_gives_a_claim_back()
    {
        var p = await OwnTasksAsync();
        await RefusedAsync(a => a.UnclaimAsync(p + "t03", Carl, default), AppErrorKind.Forbidden);
        Assert.Equal("ana", (await ClaimAsync(p + "t03"))?.UserName);

        await Act(a => a.UnclaimAsync(p + "t03", Ana, default));
        await Act(a => a.UnclaimAsync(p + "t02", Mia, default));

        Assert.Null(await ClaimAsync(p + "t03"));
        Assert.Null(await ClaimAsync(p + "t02"));
        var notClaimed = await RefusedAsync(a => a.UnclaimAsync(p + "t03", Ana, default), AppErrorKind.Conflict);
        Assert.Equal(ErrorCodes.InvalidState, notClaimed.Code);
        var audit = await database.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Action == "task.unclaimed" && e.EntityId.StartsWith(p)).Select(e => e.Actor).ToListAsync());
        Assert.Equal(["ana", "mia"], audit.Order());
    }

    [Fact]
    public async Task Delegating_hands_the_claim_to_a_colleague_of_the_tasks_groups()
    {
        var p = await OwnTasksAsync();

        await Act(a => a.DelegateAsync(p + "t03", " carl ", Ana, default));

        Assert.Equal("carl", (await ClaimAsync(p + "t03"))?.UserName);
        var carlsTasks = await database.RunAsync(s => s.GetRequiredService<TaskInbox>().QueryAsync(Carl, InboxQuery.Create(InboxFilter.Mine, pageSize: 100), default));
        Assert.Contains(carlsTasks.Items, i => i.Id == p + "t03");
        Assert.True(await database.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<AuditEvent>()
            .AnyAsync(e => e.Action == "task.delegated" && e.EntityId == p + "t03" && e.Actor == "ana" && e.Detail == "from ana to carl")));

        // An unclaimed task: a candidate may hand it on; a manager may hand any.
        await Act(a => a.DelegateAsync(p + "t01", "ana", Carl, default));
        await Act(a => a.DelegateAsync(p + "t06", "carl", Mia, default));
        Assert.Equal(("ana", "carl"), ((await ClaimAsync(p + "t01"))?.UserName, (await ClaimAsync(p + "t06"))?.UserName));
    }

    [Theory]
    [InlineData("sam", "may not work on this task: it is offered to CreditAnalyst")]
    [InlineData("dora", "dora is not an active user")]
    [InlineData("nobody", "nobody is not an active user")]
    [InlineData(" ", "is required")]
    public async Task Delegating_to_someone_who_may_not_work_on_the_task_is_refused_naming_the_user(string to, string reason)
    {
        var p = await OwnTasksAsync();
        var refusal = await RefusedAsync(a => a.DelegateAsync(p + "t01", to, Ana, default), AppErrorKind.Invalid);
        Assert.Contains(reason, Assert.Single(refusal.FieldErrors!["user"]));
        Assert.Null(await ClaimAsync(p + "t01"));
    }

    [Fact]
    public async Task Delegating_refuses_a_colleagues_claim_an_assigned_task_and_a_case_the_actor_or_delegate_may_not_see()
    {
        var p = await OwnTasksAsync();
        await RefusedAsync(a => a.DelegateAsync(p + "t02", "ana", Ana, default), AppErrorKind.Forbidden);
        await RefusedAsync(a => a.DelegateAsync(p + "t05", "sam", Mia, default), AppErrorKind.Conflict);

        // t09 is sam's case: sally may not even see it; t10 is sally's case: sam may not be handed it.
        await RefusedAsync(a => a.DelegateAsync(p + "t09", "sally", Sally, default), AppErrorKind.NotFound);
        var refusal = await RefusedAsync(a => a.DelegateAsync(p + "t10", "sam", Mia, default), AppErrorKind.Invalid);
        Assert.Contains("may not see this case", refusal.Message);
        Assert.Equal("carl", (await ClaimAsync(p + "t02"))?.UserName);
        Assert.Null(await ClaimAsync(p + "t10"));
    }

    [Fact]
    public async Task The_claimer_moves_the_dates_and_the_inbox_and_the_engines_store_see_them()
    {
        var p = await OwnTasksAsync();
        var due = database.Clock.Now.AddHours(-2);
        var before = await database.RunAsync(s => s.GetRequiredService<TaskInbox>().CountAsync(Ana, InboxFilter.Overdue, null, default));

        await Act(a => a.SetDatesAsync(p + "t03", due, null, Ana, default));

        Assert.Equal(before + 1, await database.RunAsync(s => s.GetRequiredService<TaskInbox>().CountAsync(Ana, InboxFilter.Overdue, null, default)));
        var task = await database.RunAsync(s => new EfInstanceStore(s.GetRequiredService<OnboardingDbContext>()).FindTaskAsync(p + "t03"));
        Assert.Equal((due, (DateTimeOffset?)null), (task!.DueDate, task.FollowUpDate));
        var row = await database.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<WorkflowTaskEntity>().AsNoTracking().SingleAsync(t => t.Id == p + "t03"));
        Assert.Equal(due, row.DueOrder);

        // Clearing the due date puts the task back among those without one.
        await Act(a => a.SetDatesAsync(p + "t03", null, null, Mia, default));
        row = await database.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<WorkflowTaskEntity>().AsNoTracking().SingleAsync(t => t.Id == p + "t03"));
        Assert.Equal((null, WorkflowTaskEntity.NoDueDate), (row.DueDate, row.DueOrder));
    }

    [Fact]
    public async Task Dates_are_refused_to_others_out_of_range_and_on_ended_tasks()
    {
        var p = await OwnTasksAsync();
        await RefusedAsync(a => a.SetDatesAsync(p + "t03", database.Clock.Now, null, Carl, default), AppErrorKind.Forbidden);
        await RefusedAsync(a => a.SetDatesAsync(p + "t03", database.Clock.Now, null, Audrey, default), AppErrorKind.Forbidden);
        var range = await RefusedAsync(a => a.SetDatesAsync(p + "t03", database.Clock.Now.AddYears(5), database.Clock.Now.AddYears(-1), Ana, default), AppErrorKind.Invalid);
        Assert.Equal(["due", "followUp"], range.FieldErrors!.Keys.Order());
        await Assert.ThrowsAsync<OnboardingWorkflow.Engine.Stores.TaskAlreadyEndedException>(() => Act(a => a.SetDatesAsync(p + "t08", null, null, Ana, default)));

        // The assignee may move the dates of their task.
        await Act(a => a.SetDatesAsync(p + "t05", null, database.Clock.Now.AddDays(1), Sally, default));
        var row = await database.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<WorkflowTaskEntity>().AsNoTracking().SingleAsync(t => t.Id == p + "t05"));
        Assert.Equal((null, database.Clock.Now.AddDays(1)), (row.DueDate, row.FollowUpDate));
    }
}

public sealed class SqliteTaskAssignmentFacts(SqliteInboxWorld database) : TaskAssignmentFacts<SqliteInboxWorld>(database);

public sealed class PostgreSqlTaskAssignmentFacts(PostgreSqlInboxWorld database) : TaskAssignmentFacts<PostgreSqlInboxWorld>(database);
