using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Application.Tests.Support;
using static OnboardingWorkflow.Application.Tests.Support.InboxWorld;

namespace OnboardingWorkflow.Application.Tests.Tasks;

public sealed class SavedTaskFiltersFacts(SqliteCaseDatabase database) : IClassFixture<SqliteCaseDatabase>
{
    private Task<T> Run<T>(Func<SavedTaskFilters, Task<T>> work) => database.RunAsync(s => work(s.GetRequiredService<SavedTaskFilters>()));

    [Fact]
    public async Task A_user_keeps_filters_by_name_and_sees_only_their_own()
    {
        var user = new CurrentUser($"u{Guid.NewGuid():N}", Ana.Roles);
        var saved = await Run(f => f.SaveAsync(user, " Overdue approvals ", InboxQuery.Create(InboxFilter.Overdue, search: "acme", sort: InboxSort.Customer, descending: true) with { OnlyOverdue = true }, default));
        await Run(f => f.SaveAsync(Carl, "Overdue approvals", InboxQuery.Create(), default));

        var mine = await Run(f => f.ListAsync(user, default));
        var view = Assert.Single(mine);
        Assert.Equal(("Overdue approvals", saved.Id), (view.Name, view.Id));
        Assert.Equal(InboxQuery.Create(InboxFilter.Overdue, search: "acme", sort: InboxSort.Customer, descending: true) with { OnlyOverdue = true }, view.Query);

        // The same name replaces; another user's id is not found.
        await Run(f => f.SaveAsync(user, "Overdue approvals", InboxQuery.Create(InboxFilter.Mine), default));
        Assert.Equal(InboxFilter.Mine, Assert.Single(await Run(f => f.ListAsync(user, default))).Query.Filter);
        var other = Assert.Single(await Run(f => f.ListAsync(Carl, default)));
        var refusal = await Assert.ThrowsAsync<AppException>(() => Run(async f => { await f.DeleteAsync(user, other.Id, default); return 0; }));
        Assert.Equal(AppErrorKind.NotFound, refusal.Kind);

        await Run(async f => { await f.DeleteAsync(user, saved.Id, default); return 0; });
        Assert.Empty(await Run(f => f.ListAsync(user, default)));
    }

    [Fact]
    public async Task At_most_twenty_filters_each_with_a_short_name()
    {
        var user = new CurrentUser($"u{Guid.NewGuid():N}", Ana.Roles);
        for (var i = 0; i < SavedTaskFilters.MaxPerUser; i++)
        {
            await Run(f => f.SaveAsync(user, $"filter {i}", InboxQuery.Create(), default));
        }

        var full = await Assert.ThrowsAsync<AppException>(() => Run(f => f.SaveAsync(user, "one more", InboxQuery.Create(), default)));
        Assert.Equal(ErrorCodes.SavedFilterLimit, full.Code);
        await Run(f => f.SaveAsync(user, "filter 3", InboxQuery.Create(InboxFilter.Mine), default));
        var tooLong = await Assert.ThrowsAsync<AppException>(() => Run(f => f.SaveAsync(Carl, new string('x', 61), InboxQuery.Create(), default)));
        Assert.Contains("name", tooLong.FieldErrors!.Keys);
        Assert.Equal(SavedTaskFilters.MaxPerUser, (await Run(f => f.ListAsync(user, default))).Count);
    }
}
