namespace OnboardingWorkflow.Application.Tasks;

/// <summary>Which open tasks the inbox shows; each has a live count beside it (<see cref="InboxCounts"/>).</summary>
public enum InboxFilter
{
    /// <summary>What I may take: assigned to me, claimed by me, or offered to me or one of my groups and claimed by nobody. Auditors: every open task.</summary>
    Available,

    /// <summary>Assigned to me or claimed by me.</summary>
    Mine,

    /// <summary>Offered to one of my groups, whether a colleague claimed it or not: the team's view.</summary>
    MyGroups,

    /// <summary>Available and neither assigned nor claimed by anybody.</summary>
    Unclaimed,

    /// <summary>Available and past its due date.</summary>
    Overdue,

    /// <summary>Available and due today (UTC).</summary>
    DueToday,

    /// <summary>Available and its follow-up date has come.</summary>
    FollowUp,
}

/// <summary>The inbox's orders; each ends with the task id so pages never overlap.</summary>
public enum InboxSort
{
    /// <summary>Due date; tasks without one come last in either direction.</summary>
    DueDate,
    Created,
    Priority,
    RequestedAmount,
    Customer,
}

/// <summary>
/// One page of the task inbox as a client asks for it. Build it with <see cref="Create"/> (or
/// <see cref="Parse"/> from query-string text), which refuses out-of-range values naming the
/// field, so a stored filter or a URL can never ask the database for something unbounded.
/// </summary>
public sealed record InboxQuery
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>Deep offsets get slow on every database; nobody pages past 10,000 pages of an inbox.</summary>
    public const int MaxPage = 10_000;

    public const int MaxSearchLength = 100;
    public const int MaxGroupLength = 200;

    public InboxFilter Filter { get; init; }

    /// <summary>Narrows any filter to overdue tasks: "mine and overdue" (the task list's older <c>overdue=true</c>).</summary>
    public bool OnlyOverdue { get; init; }

    public string? Group { get; init; }

    /// <summary>
    /// Finds tasks by their customer, ignoring case: every word of the text starts a word of the
    /// customer's name ("acme trad" finds "Acme Trading Co."), or the text, without spaces and
    /// punctuation, starts the registration number ("9131-0000" finds "91310000..."). Words in
    /// Chinese are also found from inside ("某某" finds "上海某某贸易"). Not any substring: "cme" does
    /// not find "Acme", because only word beginnings are indexed (see CustomerSearchTerm).
    /// </summary>
    public string? Search { get; init; }
    public InboxSort Sort { get; init; }
    public bool Descending { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>A checked query: text trimmed and bounded, page and size in range.</summary>
    public static InboxQuery Create(InboxFilter filter = InboxFilter.Available, string? group = null, string? search = null, InboxSort sort = InboxSort.DueDate,
        bool descending = false, int? page = null, int? pageSize = null)
    {
        var input = new InputRules();
        var query = Check(input, filter, group, search, sort, descending, page, pageSize);
        input.ThrowIfAny();
        return query;
    }

    /// <summary>A checked query from query-string text (enum names ignore case); null or empty means the default.</summary>
    public static InboxQuery Parse(string? filter, string? group, string? search, string? sort, bool? descending, int? page, int? pageSize)
    {
        var input = new InputRules();
        var f = ParseEnum(input, "filter", filter, InboxFilter.Available);
        var s = ParseEnum(input, "sort", sort, InboxSort.DueDate);
        var query = Check(input, f, group, search, s, descending ?? false, page, pageSize);
        input.ThrowIfAny();
        return query;
    }

    /// <summary>The search term as it is matched: trimmed, lower case; null when absent.</summary>
    public static string? SearchTerm(string? search)
    {
        var input = new InputRules();
        var term = input.Text("search", search, MaxSearchLength);
        input.ThrowIfAny();
        return term?.ToLowerInvariant();
    }

    private static InboxQuery Check(InputRules input, InboxFilter filter, string? group, string? search, InboxSort sort, bool descending, int? page, int? pageSize)
    {
        if (!Enum.IsDefined(filter))
        {
            input.Add("filter", $"must be one of {string.Join(", ", Enum.GetNames<InboxFilter>())}");
        }

        if (!Enum.IsDefined(sort))
        {
            input.Add("sort", $"must be one of {string.Join(", ", Enum.GetNames<InboxSort>())}");
        }

        if (page is < 1 or > MaxPage)
        {
            input.Add("page", $"must be between 1 and {MaxPage}");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            input.Add("pageSize", $"must be between 1 and {MaxPageSize}");
        }

        return new InboxQuery
        {
            Filter = filter,
            Group = input.Text("group", group, MaxGroupLength),
            Search = input.Text("search", search, MaxSearchLength),
            Sort = sort,
            Descending = descending,
            Page = page ?? 1,
            PageSize = pageSize ?? DefaultPageSize,
        };
    }

    private static T ParseEnum<T>(InputRules input, string field, string? text, T fallback)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        // Names only: "3" would parse as a number and slip past the list of names.
        if (!text.Trim().All(char.IsLetter) || !Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value))
        {
            input.Add(field, $"must be one of {string.Join(", ", Enum.GetNames<T>())}");
            return fallback;
        }

        return value;
    }
}
