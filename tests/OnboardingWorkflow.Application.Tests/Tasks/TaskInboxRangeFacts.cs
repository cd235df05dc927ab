using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Application.Tests.Support;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Identity;
using static OnboardingWorkflow.Application.Tests.Support.InboxWorld;

namespace OnboardingWorkflow.Application.Tests.Tasks;

/// <summary>
/// The inbox's counts and pages by due date are sums and merges of index ranges, one per candidate
/// key offered to the user (<see cref="InboxWorld.SeedRangesAsync"/>): a task must be in exactly one
/// of them, whatever mix of assignee, claim and candidates it has, and a key nobody saw before
/// must be found at once.
/// </summary>
public abstract class TaskInboxRangeFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : CaseDatabase
{
    private static readonly Dictionary<string, CurrentUser> People = new[] { Ana, Carl, Max, Mia, Sally, Sam, Audrey }.ToDictionary(u => u.Name);

    private Task<InboxPage> QueryAsync(CurrentUser user, InboxQuery query) =>
        database.RunAsync(s => s.GetRequiredService<TaskInbox>().QueryAsync(user, query, CancellationToken.None));

    private async Task<string> IdsAsync(CurrentUser user, InboxQuery query) => string.Join(",", (await QueryAsync(user, query)).Items.Select(i => i.Id));

    private Task<int> CountAsync(CurrentUser user, InboxFilter filter) =>
        database.RunAsync(s => s.GetRequiredService<TaskInbox>().CountAsync(user, filter, null, CancellationToken.None));

    [Theory]
    [InlineData("ana", InboxFilter.Available, "t01,u06,t06,u01,u02,t03,t07,u07")]
    [InlineData("ana", InboxFilter.Mine, "u04,u01,t03,u07")]
    [InlineData("ana", InboxFilter.MyGroups, "t01,u06,t06,t02,u02,t03")]
    [InlineData("ana", InboxFilter.Unclaimed, "t01,u06,t06,u02,t07")]
    [InlineData("ana", InboxFilter.Overdue, "t01")]
    [InlineData("ana", InboxFilter.DueToday, "u06,t06")]
    [InlineData("ana", InboxFilter.FollowUp, "u06,t03,u07")]
    [InlineData("carl", InboxFilter.Available, "t01,u04,u06,t06,t02,u02,u03")]
    [InlineData("carl", InboxFilter.Mine, "u04,t02,u03")]
    [InlineData("carl", InboxFilter.Unclaimed, "t01,u06,t06,u02")]
    [InlineData("max", InboxFilter.Available, "t01,u06,t06,u02,t04")]
    [InlineData("max", InboxFilter.MyGroups, "t01,u06,t06,t02,u02,t04,t03")]
    [InlineData("mia", InboxFilter.Available, "u06,t04")]
    [InlineData("audrey", InboxFilter.Available, "t01,u04,u06,t06,t02,u01,u02,t04,u03,t05,u05,t10,t03,t07,t09,u07")]
    [InlineData("audrey", InboxFilter.Unclaimed, "t01,u06,t06,u02,t04,u05,t10,t07,t09")]
    [InlineData("audrey", InboxFilter.Overdue, "t01,u04")]
    [InlineData("audrey", InboxFilter.FollowUp, "u06,t03,u07")]
    public async Task Each_task_is_listed_and_counted_once_whatever_mix_of_assignee_claim_and_candidates_it_has(string user, InboxFilter filter, string expected)
    {
        var page = await QueryAsync(People[user], InboxQuery.Create(filter));
        Assert.Equal(expected, string.Join(",", page.Items.Select(i => i.Id)));
        Assert.Equal(expected.Split(',').Length, page.Total);
        Assert.Equal(page.Total, await CountAsync(People[user], filter));
    }

    [Fact]
    public async Task The_ranges_hold_the_same_tasks_as_the_rule_read_task_by_task()
    {
        // A sort by creation is read with the rule as one condition per task; by due date, from the ranges.
        foreach (var user in People.Values)
        {
            foreach (var filter in Enum.GetValues<InboxFilter>())
            {
                foreach (var onlyOverdue in new[] { false, true })
                {
                    var ranges = await QueryAsync(user, InboxQuery.Create(filter, pageSize: 100) with { OnlyOverdue = onlyOverdue });
                    var rule = await QueryAsync(user, InboxQuery.Create(filter, sort: InboxSort.Created, pageSize: 100) with { OnlyOverdue = onlyOverdue });
                    var what = $"{user.Name} {filter}{(onlyOverdue ? " overdue" : "")}";
                    Assert.True(rule.Items.Select(i => i.Id).Order().SequenceEqual(ranges.Items.Select(i => i.Id).Order()), what);
                    Assert.Equal(ranges.Items.Count, ranges.Items.Select(i => i.Id).Distinct().Count());
                    Assert.Equal((rule.Items.Count, rule.Items.Count), (ranges.Total, rule.Total));
                    Assert.Equal(ranges.Items.OrderBy(i => i.DueDate ?? DateTimeOffset.MaxValue).ThenBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Id), ranges.Items.Select(i => i.Id));
                }
            }
        }
    }

    [Fact]
    public async Task Pages_merge_the_ranges_in_due_order_without_overlap()
    {
        var pages = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add(await IdsAsync(Ana, InboxQuery.Create(page: page, pageSize: 3)));
        }

        Assert.Equal("t01,u06,t06|u01,u02,t03|t07,u07|", string.Join("|", pages));
    }

    [Fact]
    public async Task Tasks_due_at_the_same_time_in_different_ranges_are_paged_by_id_without_gaps_or_repeats()
    {
        // Three keys (three ranges), one due date: the page's end falls inside the tie.
        await AddTaskAsync(database, "z03", ["ana"], [], days: 3);
        await AddTaskAsync(database, "z01", [], [Roles.CreditAnalyst], days: 3);
        await AddTaskAsync(database, "z02", ["ana", "zoe"], [], days: 3);
        try
        {
            var all = (await IdsAsync(Ana, InboxQuery.Create(pageSize: 100))).Split(',');
            var tie = Array.IndexOf(all, "z01");
            Assert.Equal(["z01", "z02", "z03"], all.Skip(tie).Take(3));
            foreach (var size in new[] { 1, 2, 4 })
            {
                var paged = new List<string>();
                for (var page = 1; (page - 1) * size < all.Length; page++)
                {
                    var ids = await IdsAsync(Ana, InboxQuery.Create(page: page, pageSize: size));
                    paged.AddRange(ids.Split(',', StringSplitOptions.RemoveEmptyEntries));
                }

                Assert.Equal(all, paged);
            }
        }
        finally
        {
            await database.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<WorkflowTaskEntity>()
                .Where(t => t.Id == "z01" || t.Id == "z02" || t.Id == "z03").ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task A_group_narrows_the_ranges_to_the_keys_that_name_it()
    {
        Assert.Equal("t01,u06,t06,u02,t03", await IdsAsync(Ana, InboxQuery.Create(group: "CreditAnalyst")));
        Assert.Equal("u06,t04,t03,u07", await IdsAsync(Audrey, InboxQuery.Create(group: "CreditManager")));
        Assert.Equal("u06,t04", await IdsAsync(Audrey, InboxQuery.Create(InboxFilter.Unclaimed, group: "CreditManager")));
        Assert.Equal("u04", await IdsAsync(Ana, InboxQuery.Create(InboxFilter.Mine) with { OnlyOverdue = true }));
    }

    [Fact]
    public async Task A_candidate_key_nobody_saw_before_is_found_at_once()
    {
        var zoe = new CurrentUser("zoe", [Roles.RiskCommittee]);
        Assert.Equal(8, await CountAsync(Ana, InboxFilter.Available));
        Assert.Equal(0, await CountAsync(zoe, InboxFilter.Available));
        await AddTaskAsync(database, "n01", ["ana", "zoe"], [], days: 3);
        try
        {
            Assert.Equal(9, await CountAsync(Ana, InboxFilter.Available));
            Assert.Equal("t01,u06,t06,u01,u02,n01,t03,t07,u07", await IdsAsync(Ana, InboxQuery.Create()));
            Assert.Equal("n01", await IdsAsync(zoe, InboxQuery.Create()));
            Assert.Equal(1, await CountAsync(zoe, InboxFilter.Unclaimed));
            Assert.Equal(6, await CountAsync(Ana, InboxFilter.MyGroups));
        }
        finally
        {
            await database.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<WorkflowTaskEntity>().Where(t => t.Id == "n01").ExecuteDeleteAsync());
        }

        Assert.Equal(8, await CountAsync(Ana, InboxFilter.Available));
    }

    [Fact]
    public async Task A_claim_by_a_colleague_moves_the_task_from_my_ranges_to_theirs_and_a_release_moves_it_back()
    {
        await SetClaimAsync("u02", "carl");
        try
        {
            Assert.Equal("t01,u06,t06,u01,t03,t07,u07", await IdsAsync(Ana, InboxQuery.Create()));
            Assert.Equal("t01,u04,u06,t06,t02,u02,u03", await IdsAsync(Carl, InboxQuery.Create()));
            Assert.Equal(4, await CountAsync(Carl, InboxFilter.Mine));
            Assert.Equal("t01,u06,t06,t02,u02,t03", await IdsAsync(Ana, InboxQuery.Create(InboxFilter.MyGroups)));
            Assert.Equal(4, await CountAsync(Ana, InboxFilter.Unclaimed));
        }
        finally
        {
            await SetClaimAsync("u02", null);
        }

        Assert.Equal(5, await CountAsync(Ana, InboxFilter.Unclaimed));
        Assert.Equal(3, await CountAsync(Carl, InboxFilter.Mine));
    }

    private Task SetClaimAsync(string taskId, string? user) => database.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<WorkflowTaskEntity>()
        .Where(t => t.Id == taskId).ExecuteUpdateAsync(u => u.SetProperty(t => t.ClaimedBy, user)));

    [Fact]
    public async Task The_open_candidate_keys_are_those_of_the_unassigned_open_tasks_claimed_or_not_each_once()
    {
        var keys = await database.RunAsync(s => OpenTaskKeys.ListAsync(s.GetRequiredService<OnboardingDbContext>(), CancellationToken.None));
        Assert.Equal(
            ["|g:CreditAnalyst|", "|g:CreditAnalyst|g:CreditManager|", "|g:CreditManager|", "|g:Sales|", "|u:ana|", "|u:ana|g:CreditAnalyst|", "|u:ana|u:carl|"],
            keys.Order(StringComparer.Ordinal));
    }
}

public sealed class SqliteTaskInboxRangeFacts(SqliteRangeInboxWorld database) : TaskInboxRangeFacts<SqliteRangeInboxWorld>(database);

public sealed class PostgreSqlTaskInboxRangeFacts(PostgreSqlRangeInboxWorld database) : TaskInboxRangeFacts<PostgreSqlRangeInboxWorld>(database);
