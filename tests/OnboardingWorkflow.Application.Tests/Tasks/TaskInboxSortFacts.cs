using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Application.Tests.Support;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Identity;
using static OnboardingWorkflow.Application.Tests.Support.InboxWorld;

namespace OnboardingWorkflow.Application.Tests.Tasks;

/// <summary>
/// Sorting by case data on a share large enough that the first page comes from the case side
/// (<see cref="TaskInbox.SortsFromCases"/>) while later pages are joined and sorted whole: both
/// must give the same order, with ties broken by task id and tasks without a value last.
/// </summary>
public abstract class TaskInboxSortFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : CaseDatabase
{
    private static readonly CurrentUser Rita = new("rita", [Roles.RiskCommittee]);

    private Task<InboxPage> QueryAsync(CurrentUser user, InboxQuery query) =>
        database.RunAsync(s => s.GetRequiredService<TaskInbox>().QueryAsync(user, query, CancellationToken.None));

    private async Task<List<InboxItem>> AllAsync(CurrentUser user, InboxSort sort, bool descending) =>
        (await QueryAsync(user, InboxQuery.Create(sort: sort, descending: descending, pageSize: 100))).Items.ToList();

    [Fact]
    public async Task The_first_small_page_of_a_large_share_is_sorted_from_the_case_side_and_later_ones_are_not()
    {
        var total = (await QueryAsync(Audrey, InboxQuery.Create(pageSize: 1))).Total;
        Assert.Equal(95, total);
        Assert.True(TaskInbox.SortsFromCases(InboxQuery.Create(sort: InboxSort.RequestedAmount, pageSize: 2), total));
        Assert.True(TaskInbox.SortsFromCases(InboxQuery.Create(sort: InboxSort.Customer, page: 2, pageSize: 2), total));
        Assert.False(TaskInbox.SortsFromCases(InboxQuery.Create(sort: InboxSort.Customer, page: 3, pageSize: 2), total));
        Assert.False(TaskInbox.SortsFromCases(InboxQuery.Create(sort: InboxSort.Created, pageSize: 2), total));
    }

    [Theory]
    [InlineData(InboxSort.RequestedAmount, false)]
    [InlineData(InboxSort.RequestedAmount, true)]
    [InlineData(InboxSort.Customer, false)]
    [InlineData(InboxSort.Customer, true)]
    public async Task Pages_of_two_join_up_to_the_whole_order_without_overlap(InboxSort sort, bool descending)
    {
        var whole = (await AllAsync(Audrey, sort, descending)).Select(i => i.Id).ToList();
        var paged = new List<string>();
        for (var page = 1; page <= 48; page++)
        {
            paged.AddRange((await QueryAsync(Audrey, InboxQuery.Create(sort: sort, descending: descending, page: page, pageSize: 2))).Items.Select(i => i.Id));
        }

        Assert.Equal(95, whole.Count);
        Assert.Equal(whole, paged);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Amounts_sort_in_either_direction_with_ties_broken_by_id_and_none_last(bool descending)
    {
        var items = await AllAsync(Audrey, InboxSort.RequestedAmount, descending);
        var amounts = items.TakeWhile(i => i.RequestedAmount is not null).Select(i => i.RequestedAmount!.Value).ToList();
        Assert.Equal(descending ? amounts.OrderDescending() : amounts.Order(), amounts);
        Assert.Equal(55, amounts.Count);
        Assert.All(items.Skip(55), i => Assert.Null(i.RequestedAmount));

        // The six tasks of Blue River's limit change (200,000) share an amount: ordered by id, as the direction says.
        var change = items.Where(i => i.RequestedAmount == 200_000m).Select(i => i.Id).ToList();
        Assert.Equal(descending ? ["t06", "et06", "dt06", "ct06", "bt06", "at06"] : ["at06", "bt06", "ct06", "dt06", "et06", "t06"], change);
        Assert.Equal(descending ? "t06" : "at01", items[0].Id);
    }

    [Theory]
    [InlineData(false, "at01,at05,bt01,bt05")]
    [InlineData(true, "t10,t07,t03,et10")]
    public async Task Customers_sort_by_name_with_ties_broken_by_id_and_none_last(bool descending, string firstFour)
    {
        // Per prefix: Acme t01, t05 (and r01 once); Blue River t02, t04, t06, t09; Cedar t03, t07, t10; x01-x40 have no case.
        var items = await AllAsync(Audrey, InboxSort.Customer, descending);
        var names = items.TakeWhile(i => i.CustomerName is not null).Select(i => i.CustomerName!).ToList();
        Assert.Equal(descending ? names.OrderDescending(StringComparer.Ordinal) : names.Order(StringComparer.Ordinal), names);
        Assert.Equal(55, names.Count);
        Assert.Equal(firstFour, string.Join(",", items.Take(4).Select(i => i.Id)));
    }

    [Theory]
    [InlineData(InboxSort.RequestedAmount, false, "r01,x01,x02")]
    [InlineData(InboxSort.RequestedAmount, true, "r01,x40,x39")]
    [InlineData(InboxSort.Customer, false, "r01,x01,x02")]
    [InlineData(InboxSort.Customer, true, "r01,x40,x39")]
    public async Task Tasks_without_a_case_come_last_by_id_in_both_directions(InboxSort sort, bool descending, string expected)
    {
        var query = InboxQuery.Create(sort: sort, descending: descending, pageSize: 2);
        var first = await QueryAsync(Rita, query);
        Assert.Equal(41, first.Total);
        Assert.True(TaskInbox.SortsFromCases(query, first.Total));
        var third = await QueryAsync(Rita, query with { PageSize = 3 });
        Assert.Equal(expected, string.Join(",", third.Items.Select(i => i.Id)));
        Assert.Equal(expected.Split(',')[..2], first.Items.Select(i => i.Id));
        Assert.Null(first.Items[1].RequestedAmount);
    }

    [Fact]
    public async Task Counts_of_the_large_share_equal_the_totals_of_their_filters()
    {
        var counts = await database.RunAsync(s => s.GetRequiredService<TaskInbox>().CountAsync(Ana, null, CancellationToken.None));
        Assert.Equal(24, counts.Available);
        Assert.Equal(6, counts.Mine);
        Assert.Equal(24, counts.MyGroups);
        Assert.Equal(18, counts.Unclaimed);
        foreach (var (filter, count) in new[] { (InboxFilter.Available, counts.Available), (InboxFilter.Unclaimed, counts.Unclaimed), (InboxFilter.MyGroups, counts.MyGroups) })
        {
            Assert.Equal(count, (await QueryAsync(Ana, InboxQuery.Create(filter, pageSize: 1))).Total);
        }

        var stored = await database.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<OnboardingWorkflow.Data.Engine.WorkflowTaskEntity>().CountAsync(t => t.Status == "Open"));
        Assert.Equal(95, stored);
    }
}

public sealed class SqliteTaskInboxSortFacts(SqliteWideInboxWorld database) : TaskInboxSortFacts<SqliteWideInboxWorld>(database);

public sealed class PostgreSqlTaskInboxSortFacts(PostgreSqlWideInboxWorld database) : TaskInboxSortFacts<PostgreSqlWideInboxWorld>(database);
