using System.Text;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Reports;

namespace OnboardingWorkflow.Server.Api;

/// <summary>Portfolio and process reports as CSV downloads, for the same readers as the reports page.</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/{name}.csv", CsvAsync).WithTags("Reports").RequireAuthorization(Policies.ReportReaders)
            .WithSummary("One report as CSV (UTF-8, formula cells guarded): portfolio, funnel, cycle-times, approval-turnaround, rejections, overdue-tasks, default-rate (credit staff, Auditor, Admin).");
        return api;
    }

    public static async Task<IResult> CsvAsync(string name, ReportQueries reports, TimeProvider clock, CancellationToken cancellationToken)
    {
        var table = await reports.TableAsync(name, cancellationToken);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv.Write(table))).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"{table.Name}-{clock.GetUtcNow():yyyyMMdd}.csv");
    }
}
