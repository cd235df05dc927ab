using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Web.Components.Tasks;

namespace OnboardingWorkflow.Web.Tests.Components.Tasks;

/// <summary>Saved inbox filters: applying and deleting the one clicked, and saving under a trimmed, non-blank name.</summary>
public sealed class SavedFilterListFacts
{
    private static readonly SavedFilterView Weekly = new(Guid.NewGuid(), "Weekly review", InboxQuery.Create(InboxFilter.Overdue), DateTimeOffset.UnixEpoch);
    private static readonly SavedFilterView Mine = new(Guid.NewGuid(), "Mine by customer", InboxQuery.Create(InboxFilter.Mine, sort: InboxSort.Customer), DateTimeOffset.UnixEpoch);

    private readonly List<SavedFilterView> _applied = [];
    private readonly List<SavedFilterView> _deleted = [];
    private readonly List<string> _saved = [];

    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
        return context;
    }

    private IRenderedComponent<SavedFilterList> Render(BunitContext context, params SavedFilterView[] filters) =>
        context.Render<SavedFilterList>(p => p
            .Add(f => f.Filters, filters)
            .Add(f => f.Current, InboxQuery.Create())
            .Add(f => f.Apply, EventCallback.Factory.Create<SavedFilterView>(context, _applied.Add))
            .Add(f => f.Delete, EventCallback.Factory.Create<SavedFilterView>(context, _deleted.Add))
            .Add(f => f.Save, EventCallback.Factory.Create<string>(context, _saved.Add)));

    private static AngleSharp.Dom.IElement SaveButton(IRenderedComponent<SavedFilterList> list) =>
        list.FindAll("button").Single(b => b.TextContent.Trim() == "Save");

    [Fact]
    public async Task Without_saved_filters_it_says_how_to_make_one()
    {
        await using var context = NewContext();
        var list = Render(context);

        Assert.Contains("None yet", list.Find("section").TextContent);
        Assert.Empty(list.FindAll(".mud-list-item"));
    }

    [Fact]
    public async Task Clicking_a_name_applies_that_filter_and_its_delete_button_deletes_that_one()
    {
        await using var context = NewContext();
        var list = Render(context, Weekly, Mine);

        list.FindAll("a, .mud-link").Single(a => a.TextContent.Trim() == "Mine by customer").Click();
        list.Find("button[aria-label='Delete the filter Weekly review']").Click();

        Assert.Equal([Mine], _applied);
        Assert.Equal([Weekly], _deleted);
        Assert.DoesNotContain("None yet", list.Find("section").TextContent);
    }

    [Fact]
    public async Task Save_is_disabled_until_the_name_has_more_than_blanks()
    {
        await using var context = NewContext();
        var list = Render(context);

        Assert.True(SaveButton(list).HasAttribute("disabled"));
        list.Find("input").Input("   ");
        Assert.True(SaveButton(list).HasAttribute("disabled"));

        list.Find("input").Input("Overdue");

        Assert.False(SaveButton(list).HasAttribute("disabled"));
    }

    [Fact]
    public async Task Saving_hands_over_the_trimmed_name_and_empties_the_field()
    {
        await using var context = NewContext();
        var list = Render(context);

        list.Find("input").Input("  Weekly review  ");
        SaveButton(list).Click();

        Assert.Equal(["Weekly review"], _saved);
        Assert.Equal("", list.Find("input").GetAttribute("value") ?? "");
        Assert.True(SaveButton(list).HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_name_field_is_labelled_and_limited_to_what_the_server_keeps()
    {
        await using var context = NewContext();
        var list = Render(context);

        Assert.Equal(SavedTaskFilters.MaxNameLength.ToString(CultureInfo.InvariantCulture), list.Find("input").GetAttribute("maxlength"));
        Assert.Contains("Name of the filter", list.Find("label").TextContent);
    }
}
