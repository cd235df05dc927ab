using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using NpgsqlTypes;

namespace OnboardingWorkflow.Cli.Commands.Inbox;

/// <summary>
/// Fills an empty, migrated database with a task inbox of a busy year, fast: prepared inserts in
/// one transaction on SQLite, binary COPY on PostgreSQL; never the engine. Proportions: one case
/// per open task (customers with their search terms) plus as many again that ended; five ended tasks per ended case on average;
/// a case in five is a limit change; half the tasks are the analysts' (a tenth also the managers'),
/// a fifth the managers', a tenth the committee's, a fifth the maker's own (assigned); one in
/// twenty is also offered to an analyst by name, every other one of those only to two analysts by
/// name (about 120 distinct candidate keys in all); 30 % of
/// tasks are claimed (claims stay after completion); 70 % of open tasks have a due date between
/// ten days ago and twenty days ahead, 10 % a follow-up date. The layout is deterministic.
/// </summary>
internal sealed class InboxSeeder(string provider, string connectionString, DateTimeOffset now)
{
    public const int SalesUsers = 200;
    public const int Analysts = 60;
    public const int Managers = 15;
    public const int Committee = 9;

    private static readonly DateTimeOffset NoDueDate = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public static string Analyst(int i) => $"analyst{i % Analysts:00}";

    private static string Sales(int i) => $"sales{i % SalesUsers:000}";

    public async Task SeedAsync(int open, int completed, TextWriter log)
    {
        var cases = open * 2;
        var writer = BulkRows.Writer(provider, connectionString);
        await using (writer)
        {
            await writer.OpenAsync();
            await SeedCasesAsync(writer, cases);
            log.WriteLine($"  {cases} cases");
            await SeedTasksAsync(writer, open, completed, cases);
            log.WriteLine($"  {open} open and {completed} completed tasks with candidates and claims");
            await writer.CommitAsync();
        }
    }

    private async Task SeedCasesAsync(IBulkRowWriter w, int cases)
    {
        await w.BeginAsync("Customers", ["Id", "Name", "RegistrationNumber", "Status", "CreatedAt", "Owner"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text]);
        for (var i = 0; i < cases; i++)
        {
            await w.RowAsync(CustomerId(i), CustomerName(i), $"91{i:D16}", "Active", now.AddDays(-(i % 700)), Sales(i));
        }

        await w.EndAsync();
        await w.BeginAsync("CustomerSearchTerms", ["Term", "CustomerId"], [NpgsqlDbType.Text, NpgsqlDbType.Uuid]);
        for (var i = 0; i < cases; i++)
        {
            foreach (var term in CustomerSearchTerm.TermsOf(CustomerName(i), $"91{i:D16}"))
            {
                await w.RowAsync(term, CustomerId(i));
            }
        }

        await w.EndAsync();
        await w.BeginAsync("Applications", ["Id", "CustomerId", "Status", "Stage", "CustomerType", "RequestedLimit", "RequestedTermsDays", "ExpectedMonthlyPurchases", "Maker", "InstanceId", "CreatedAt", "UpdatedAt"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Numeric, NpgsqlDbType.Integer, NpgsqlDbType.Numeric, NpgsqlDbType.Text,
                NpgsqlDbType.Uuid, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz]);
        for (var i = 0; i < cases; i++)
        {
            if (!IsLimitChange(i))
            {
                await w.RowAsync(Id(2, i), CustomerId(i), "InProgress", "Approval", "company", Amount(i), 30, Amount(i) / 4, Sales(i), InstanceId(i), now.AddDays(-(i % 700)), now);
            }
        }

        await w.EndAsync();
        await w.BeginAsync("LimitChangeRequests", ["Id", "CustomerId", "Kind", "Status", "CurrentLimit", "RequestedLimit", "Reason", "RequestedBy", "InstanceId", "CreatedAt", "UpdatedAt"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Numeric, NpgsqlDbType.Numeric, NpgsqlDbType.Text, NpgsqlDbType.Text,
                NpgsqlDbType.Uuid, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz]);
        for (var i = 0; i < cases; i++)
        {
            if (IsLimitChange(i))
            {
                await w.RowAsync(Id(3, i), CustomerId(i), "Increase", "InProgress", Amount(i), Amount(i) * 2, "more orders", Sales(i), InstanceId(i), now.AddDays(-(i % 700)), now);
            }
        }

        await w.EndAsync();
    }

    private async Task SeedTasksAsync(IBulkRowWriter w, int open, int completed, int cases)
    {
        var total = open + completed;
        await w.BeginAsync("WorkflowTasks", ["Id", "InstanceId", "ProcessKey", "BusinessKey", "ElementId", "Name", "Assignee", "DueDate", "DueOrder", "FollowUpDate", "Priority", "CreatedAt", "Status", "EndedAt", "EndedBy",
                "CandidateKey", "ClaimedBy"],
            [NpgsqlDbType.Text, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz,
                NpgsqlDbType.TimestampTz, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text]);
        for (var t = 0; t < total; t++)
        {
            var isOpen = t < open;
            var c = isOpen ? t : open + (t - open) % (cases - open);
            var (element, group, second) = Kind(t);
            DateTimeOffset? due = isOpen ? (t % 10 < 7 ? now.AddHours(-240 + (t * 7919L % 720)) : null) : now.AddDays(-(t % 365));
            DateTimeOffset? followUp = isOpen && t % 10 == 3 ? now.AddDays(-5 + t % 10) : null;
            var created = now.AddDays(-(t % 400)).AddMinutes(-(t % 1440));
            await w.RowAsync(TaskId(t), InstanceId(c), IsLimitChange(c) ? "creditLimitChange" : "customerOnboarding", (IsLimitChange(c) ? Id(3, c) : Id(2, c)).ToString(),
                element, element, group is null ? Sales(c) : null, due, due ?? NoDueDate, followUp, 50 + t % 50, created,
                isOpen ? "Open" : "Completed", isOpen ? null : created.AddDays(2), isOpen ? null : Analyst(t),
                WorkflowTaskEntity.CandidateKeyOf(Users(t), Groups(t)), Claimant(t));
        }

        await w.EndAsync();
        await w.BeginAsync("WorkflowTaskCandidates", ["TaskId", "Kind", "Value"], [NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text]);
        for (var t = 0; t < total; t++)
        {
            foreach (var user in Users(t))
            {
                await w.RowAsync(TaskId(t), "user", user);
            }

            foreach (var group in Groups(t))
            {
                await w.RowAsync(TaskId(t), "group", group);
            }
        }

        await w.EndAsync();
        await w.BeginAsync("TaskClaims", ["TaskId", "UserName", "ClaimedAt"], [NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz]);
        for (var t = 0; t < total; t++)
        {
            if (Claimant(t) is { } who)
            {
                await w.RowAsync(TaskId(t), who, now.AddDays(-(t % 30)));
            }
        }

        await w.EndAsync();
    }

    /// <summary>The task's element and candidate groups: a fifth the maker's (assigned), half the analysts', a fifth the managers', a tenth the committee's.</summary>
    private static (string Element, string? Group, string? Second) Kind(int t) => (t % 20) switch
    {
        < 4 => ("collectDocuments", null, null),
        < 13 => ("reviewDocuments", "CreditAnalyst", null),
        < 14 => ("approveAnalyst", "CreditAnalyst", "CreditManager"),
        < 18 => ("approveManager", "CreditManager", null),
        _ => ("approveCommittee", "RiskCommittee", null),
    };

    /// <summary>The task's candidate groups: those of its kind, except for the tasks offered only to analysts by name.</summary>
    private static string[] Groups(int t) => t % 20 == 9 && t / 20 % 2 == 1 ? [] : new[] { Kind(t).Group, Kind(t).Second }.OfType<string>().ToArray();

    /// <summary>The task's candidate users: one analyst for one task in forty, two analysts (and no group) for another one in forty.</summary>
    private static string[] Users(int t) => t % 20 != 9 ? [] : t / 20 % 2 == 0 ? [Analyst(t / 20)] : [Analyst(t / 20), Analyst(t / 20 + 1)];

    /// <summary>Who claimed the task: three group tasks in ten.</summary>
    private static string? Claimant(int t) => Kind(t).Group is { } group && t % 10 < 3
        ? group == "CreditAnalyst" ? Analyst(t / 10) : group == "CreditManager" ? $"manager{t % Managers:00}" : $"committee{t % Committee}"
        : null;

    private static bool IsLimitChange(int c) => c % 5 == 4;

    private static string TaskId(int t) => $"t{t:D10}";

    private static Guid CustomerId(int i) => Id(1, i);

    private static Guid InstanceId(int i) => Id(4, i);

    private static Guid Id(int kind, int i) => new($"{kind:D8}-0000-4000-8000-{i:D12}");

    private static decimal Amount(int i) => 10_000m + (i * 7919L % 990) * 1_000m;

    private static string CustomerName(int i) => $"{Words[i % Words.Length]} {Words[i / Words.Length % Words.Length]} Trading Co. {i}";

    private static readonly string[] Words = ["Acme", "Blue", "Cedar", "Delta", "Eagle", "Fuji", "Golden", "Harbor", "Iris", "Jade", "Kite", "Lotus", "Maple", "North",
        "Orion", "Pearl", "Quartz", "River", "Summit", "Tiger", "Union", "Vista", "West", "Yangtze", "Zenith"];
}
