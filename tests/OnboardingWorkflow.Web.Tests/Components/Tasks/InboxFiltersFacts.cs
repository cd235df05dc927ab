using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Web.Components.Tasks;

namespace OnboardingWorkflow.Web.Tests.Components.Tasks;

/// <summary>The inbox's filter list: each filter's own count, the selected one marked, a click handed to the page.</summary>
public sealed class InboxFiltersFacts
{
    // Every count differs, so a count shown beside the wrong filter fails.
    private static readonly InboxCounts Counts = new(Available: 11, Mine: 2, MyGroups: 33, Unclaimed: 4, Overdue: 5, DueToday: 6, FollowUp: 1234);

    private static BunitContext NewContext(string culture = "en")
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        return context;
    }

    private static IRenderedComponent<InboxFilters> Render(BunitContext context, InboxCounts? counts, InboxFilter selected = InboxFilter.Available,
        Action<InboxFilter>? changed = null) =>
        context.Render<InboxFilters>(p => p
            .Add(f => f.Counts, counts)
            .Add(f => f.Selected, selected)
            .Add(f => f.SelectedChanged, EventCallback.Factory.Create<InboxFilter>(context, f => changed?.Invoke(f))));

    private static string CountShown(IRenderedComponent<InboxFilters> filters, InboxFilter filter) =>
        filters.Find($"[data-testid=count-{filter}]").TextContent.Trim();

    [Fact]
    public async Task Each_filter_shows_its_own_count_formatted_in_the_users_culture()
    {
        await using var context = NewContext();
        var filters = Render(context, Counts);

        Assert.Equal("11", CountShown(filters, InboxFilter.Available));
        Assert.Equal("2", CountShown(filters, InboxFilter.Mine));
        Assert.Equal("33", CountShown(filters, InboxFilter.MyGroups));
        Assert.Equal("4", CountShown(filters, InboxFilter.Unclaimed));
        Assert.Equal("5", CountShown(filters, InboxFilter.Overdue));
        Assert.Equal("6", CountShown(filters, InboxFilter.DueToday));
        Assert.Equal("1,234", CountShown(filters, InboxFilter.FollowUp));
        Assert.Equal(Enum.GetValues<InboxFilter>().Length, filters.FindAll("[data-filter]").Count);
    }

    [Fact]
    public async Task Before_the_counts_arrive_every_filter_shows_a_placeholder_not_zero()
    {
        await using var context = NewContext();
        var filters = Render(context, counts: null);

        foreach (var filter in Enum.GetValues<InboxFilter>())
        {
            Assert.Equal("…", CountShown(filters, filter));
        }

        Assert.Equal(0, filters.Instance.CountOf(InboxFilter.Available));
    }

    [Fact]
    public async Task New_counts_replace_the_old_ones()
    {
        await using var context = NewContext();
        var filters = Render(context, Counts);

        filters.Render(p => p.Add(f => f.Counts, Counts with { Mine = 3, Unclaimed = 3 }));

        Assert.Equal("3", CountShown(filters, InboxFilter.Mine));
        Assert.Equal("3", CountShown(filters, InboxFilter.Unclaimed));
        Assert.Equal("11", CountShown(filters, InboxFilter.Available));
    }

    [Fact]
    public async Task Clicking_a_filter_hands_that_filter_to_the_page()
    {
        await using var context = NewContext();
        var raised = new List<InboxFilter>();
        var filters = Render(context, Counts, changed: raised.Add);

        filters.Find("[data-filter=Overdue]").Click();
        filters.Find("[data-filter=Mine]").Click();

        Assert.Equal([InboxFilter.Overdue, InboxFilter.Mine], raised);
    }

    [Fact]
    public async Task Only_the_selected_filter_is_marked_and_the_mark_follows_the_page()
    {
        await using var context = NewContext();
        var filters = Render(context, Counts, InboxFilter.Mine);

        Assert.Equal(["Mine"], Marked(filters).ToArray());
        Assert.Contains("mud-selected-item", filters.Find("[data-filter=Mine]").ClassList);
        Assert.DoesNotContain("mud-selected-item", filters.Find("[data-filter=Available]").ClassList);

        // The page owns the selection: it passes the new filter back after handling the click.
        filters.Render(p => p.Add(f => f.Selected, InboxFilter.DueToday));

        Assert.Equal(["DueToday"], Marked(filters).ToArray());
        Assert.DoesNotContain("mud-selected-item", filters.Find("[data-filter=Mine]").ClassList);
    }

    [Fact]
    public async Task Overdue_is_red_only_when_something_is_overdue_and_no_other_count_is()
    {
        await using var context = NewContext();
        var filters = Render(context, Counts);

        Assert.Contains("mud-chip-color-error", filters.Find("[data-testid=count-Overdue]").ClassList);
        foreach (var filter in Enum.GetValues<InboxFilter>().Where(f => f != InboxFilter.Overdue))
        {
            Assert.DoesNotContain("mud-chip-color-error", filters.Find($"[data-testid=count-{filter}]").ClassList);
        }

        filters.Render(p => p.Add(f => f.Counts, Counts with { Overdue = 0 }));

        Assert.DoesNotContain("mud-chip-color-error", filters.Find("[data-testid=count-Overdue]").ClassList);
    }

    [Fact]
    public async Task The_filters_are_a_labelled_navigation_region_in_the_users_language()
    {
        await using var context = NewContext("zh-CN");
        var filters = Render(context, Counts);

        Assert.Equal("任务筛选", filters.Find("nav").GetAttribute("aria-label"));
        Assert.Contains("我可处理的", filters.Find("[data-filter=Available]").TextContent);
        Assert.Contains("已逾期", filters.Find("[data-filter=Overdue]").TextContent);
    }

    private static List<string> Marked(IRenderedComponent<InboxFilters> filters) =>
        [.. filters.FindAll("[aria-current=true]").Select(e => e.GetAttribute("data-filter") ?? "(none)")];
}
