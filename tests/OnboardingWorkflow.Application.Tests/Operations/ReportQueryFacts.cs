using OnboardingWorkflow.Application.Reports;
using OnboardingWorkflow.Application.Tests.Support;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;

namespace OnboardingWorkflow.Application.Tests.Operations;

/// <summary>The reports on seeded rows in real SQLite: counts grouped in SQL, medians and 90th percentiles right, and no invented data.</summary>
public sealed class ReportQueryFacts : IAsyncLifetime
{
    private readonly SqliteWorld _world = new();
    private DateTimeOffset Now => _world.Clock.GetUtcNow();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private WorkflowTaskEntity Task(string elementId, double hours, string status = "Completed", DateTimeOffset? due = null, params string[] groups)
    {
        var created = Now.AddDays(-10);
        var task = new WorkflowTaskEntity
        {
            Id = Guid.NewGuid().ToString("N"), InstanceId = Guid.NewGuid(), ProcessKey = "customerOnboarding", ElementId = elementId, Name = elementId,
            CreatedAt = created, Status = status, EndedAt = status == "Open" ? null : created.AddHours(hours), DueDate = due,
        };
        task.Candidates.AddRange(groups.Select(g => new WorkflowTaskCandidateEntity { TaskId = task.Id, Kind = "group", Value = g }));
        _world.Db.Add(task);
        return task;
    }

    private void Decision(string? taskId, string elementId, DecisionOutcome outcome, string? comment = null) =>
        _world.Db.Add(new CreditDecision
        {
            Id = Guid.NewGuid(), CustomerId = Guid.NewGuid(), TaskId = taskId, ElementId = elementId, DecidedBy = "x", Outcome = outcome, Comment = comment, DecidedAt = Now,
        });

    [Fact]
    public async Task Cycle_times_give_median_and_p90_per_step_of_completed_tasks_only()
    {
        foreach (var hours in new[] { 4.0, 1, 3, 2 })
        {
            Task("reviewDocuments", hours);
        }

        Task("reviewDocuments", 500, status: "Cancelled");
        Task("reviewDocuments", 0, status: "Open");
        await _world.Db.SaveChangesAsync();

        var row = Assert.Single(await _world.Reports.CycleTimesAsync(CancellationToken.None));

        Assert.Equal(("reviewDocuments", 4), (row.ElementId, row.Count));
        Assert.Equal(2.5, row.MedianHours, 6);
        Assert.Equal(3.7, row.P90Hours, 6);
    }

    [Fact]
    public async Task Approval_turnaround_counts_the_steps_that_decided_approve_or_reject()
    {
        var durations = new[] { 30.0, 10, 20 };
        for (var i = 0; i < durations.Length; i++)
        {
            var task = Task("managerApproval", durations[i]);
            Decision(task.Id, "managerApproval", i == 0 ? DecisionOutcome.Reject : DecisionOutcome.Approve);
        }

        var review = Task("reviewDocuments", 5);
        Decision(review.Id, "reviewDocuments", DecisionOutcome.DocumentsComplete);
        await _world.Db.SaveChangesAsync();

        var row = Assert.Single(await _world.Reports.ApprovalTurnaroundAsync(CancellationToken.None));

        Assert.Equal(("managerApproval", 3), (row.ElementId, row.Count));
        Assert.Equal(20, row.MedianHours, 6);
        Assert.Equal(28, row.P90Hours, 6);
    }

    [Fact]
    public async Task Rejections_are_grouped_by_outcome_step_and_reason()
    {
        Decision(null, "managerApproval", DecisionOutcome.Reject, "weak cash flow");
        Decision(null, "managerApproval", DecisionOutcome.Reject, "weak cash flow");
        Decision(null, "scoring", DecisionOutcome.KnockedOut, "founded less than 2 years ago");
        Decision(null, "managerApproval", DecisionOutcome.Approve, "fine");
        await _world.Db.SaveChangesAsync();

        var rows = await _world.Reports.RejectionsAsync(CancellationToken.None);

        Assert.Equal(
            [new RejectionRow("Reject", "managerApproval", "weak cash flow", 2), new RejectionRow("KnockedOut", "scoring", "founded less than 2 years ago", 1)],
            rows);
    }

    [Fact]
    public async Task Overdue_open_tasks_are_counted_per_candidate_group()
    {
        Task("reviewDocuments", 0, "Open", Now.AddDays(-2), "CreditAnalyst");
        Task("reviewDocuments", 0, "Open", Now.AddDays(-1), "CreditAnalyst", "CreditManager");
        Task("reviewDocuments", 0, "Open", Now.AddDays(1), "CreditAnalyst");
        Task("reviewDocuments", 3, "Completed", Now.AddDays(-3), "CreditAnalyst");
        Task("collectDocuments", 0, "Open", Now.AddDays(-4));
        await _world.Db.SaveChangesAsync();

        var rows = await _world.Reports.OverdueTasksAsync(CancellationToken.None);

        Assert.Equal(
            [new OverdueRow("CreditAnalyst", 2, Now.AddDays(-2)), new OverdueRow("", 1, Now.AddDays(-4)), new OverdueRow("CreditManager", 1, Now.AddDays(-1))],
            rows);
    }

    [Fact]
    public async Task Portfolio_and_funnel_count_in_sql_and_utilisation_and_default_rate_have_no_data()
    {
        void Customer(string grade, string tier, decimal limit, CustomerStatus status)
        {
            var id = Guid.NewGuid();
            _world.Db.Add(new Customer { Id = id, Name = "C" + id, RegistrationNumber = id.ToString("N")[..18], Status = status, CreatedAt = Now });
            _world.Db.Add(new CreditProfile { Id = Guid.NewGuid(), CustomerId = id, Grade = grade, Tier = tier, CreditLimit = limit, PolicyVersion = "1", NextReview = new DateOnly(2027, 1, 1), UpdatedAt = Now });
            _world.Db.Add(new OnboardingApplication { Id = Guid.NewGuid(), CustomerId = id, Maker = "sally", Status = status == CustomerStatus.Active ? ApplicationStatus.Active : ApplicationStatus.Rejected, Stage = ApplicationStage.Completed, CreatedAt = Now });
        }

        Customer("A", "Low", 100_000.10m, CustomerStatus.Active);
        Customer("A", "Low", 50_000.25m, CustomerStatus.Active);
        Customer("B", "Medium", 20_000m, CustomerStatus.Suspended);
        Customer("C", "High", 999m, CustomerStatus.Rejected);
        await _world.Db.SaveChangesAsync();

        var portfolio = await _world.Reports.PortfolioAsync(CancellationToken.None);
        Assert.Equal([new PortfolioRow("A", "Low", 2, 150_000.35m, null), new PortfolioRow("B", "Medium", 1, 20_000m, null)], portfolio);

        var funnel = await _world.Reports.FunnelAsync(CancellationToken.None);
        Assert.Equal([new FunnelRow("Completed", "Active", 2), new FunnelRow("Completed", "Rejected", 2)], funnel);

        Assert.False((await _world.Reports.DefaultRateAsync(CancellationToken.None)).HasData);
        var csv = Csv.Write(await _world.Reports.TableAsync("portfolio", CancellationToken.None));
        Assert.Equal("grade,tier,customers,total_limit,utilisation\r\nA,Low,2,150000.35,no data\r\nB,Medium,1,20000,no data\r\n", csv);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Csv_cells_are_quoted_and_formulas_defused(string value, string expected) => Assert.Equal(expected, Csv.Cell(value));
}
