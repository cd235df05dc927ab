using OnboardingWorkflow.Application.Tasks;

namespace OnboardingWorkflow.Application.Tests.Tasks;

public sealed class InboxQueryFacts
{
    [Fact]
    public void Defaults_are_what_I_may_take_by_due_date_25_to_a_page()
    {
        var query = InboxQuery.Parse(null, null, "  ", null, null, null, null);
        Assert.Equal((InboxFilter.Available, InboxSort.DueDate, false, 1, 25, (string?)null), (query.Filter, query.Sort, query.Descending, query.Page, query.PageSize, query.Search));
        Assert.Equal((InboxFilter.DueToday, InboxSort.RequestedAmount, "acme"), (InboxQuery.Parse("duetoday", null, " acme ", "REQUESTEDAMOUNT", true, 2, 100) is var q ? (q.Filter, q.Sort, q.Search) : default));
    }

    [Theory]
    [InlineData("filter", "everything", null, 1, 25, "")]
    [InlineData("filter", "3", null, 1, 25, "")]
    [InlineData("sort", null, "amount", 1, 25, "")]
    [InlineData("page", null, null, 0, 25, "")]
    [InlineData("page", null, null, 10_001, 25, "")]
    [InlineData("pageSize", null, null, 1, 0, "")]
    [InlineData("pageSize", null, null, 1, 101, "")]
    [InlineData("search", null, null, 1, 25, "x")]
    [InlineData("search", null, null, 1, 25, "a\u202Eb")]
    public void Values_out_of_range_are_refused_naming_the_field(string field, string? filter, string? sort, int page, int pageSize, string search)
    {
        var text = search == "x" ? new string('x', InboxQuery.MaxSearchLength + 1) : search;
        var refusal = Assert.Throws<AppException>(() => InboxQuery.Parse(filter, null, text, sort, null, page, pageSize));
        Assert.Equal(AppErrorKind.Invalid, refusal.Kind);
        Assert.Equal([field], refusal.FieldErrors!.Keys);
    }
}
