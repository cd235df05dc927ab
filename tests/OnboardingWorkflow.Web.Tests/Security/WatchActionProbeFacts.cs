using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Application.Common;
using OnboardingWorkflow.Application.EarlyWarning;
using OnboardingWorkflow.Application.Reviews;
using OnboardingWorkflow.Data.Domain;
using Roles = OnboardingWorkflow.Data.Identity.Roles;

namespace OnboardingWorkflow.Web.Tests.Security;

/// <summary>
/// The alert and review actions the dashboard offers, attempted by users the pages never offer them
/// to, straight at the use cases the pages call: an auditor or a salesperson acknowledging an alert
/// is refused and the alert stays open; another salesperson's review list and statements do not
/// reach Sally's customer. The pages hide these buttons; the use cases are the guard.
/// </summary>
public sealed class WatchActionProbeFacts(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private static readonly CurrentUser Audrey = new(Users.Audrey, [Roles.Auditor]);
    private static readonly CurrentUser Sally = new(Users.Sally, [Roles.Sales]);
    private static readonly CurrentUser Sam = new(Users.Sam, [Roles.Sales]);
    private static readonly CurrentUser Mia = new(Users.Mia, [Roles.CreditManager]);

    [Fact]
    public async Task Only_credit_managers_and_admins_acknowledge_and_only_alert_readers_list_alerts()
    {
        var customer = await server.EarlyWarnings.SurgingCustomerAsync("Probe Surge " + Guid.NewGuid().ToString("N")[..6]);
        await server.EarlyWarnings.RunMorningJobsAsync();
        var alert = Assert.Single(await server.EarlyWarnings.AlertsAsync(customer.Id));

        foreach (var user in new[] { Audrey, Sally })
        {
            var refusal = await Assert.ThrowsAsync<AppException>(() => UseAsync<AlertAcknowledgement, AlertView>(a => a.AcknowledgeAsync(alert.Id, "looked at it", user, CancellationToken.None)));
            Assert.Equal(ErrorCodes.Forbidden, refusal.Code);
        }

        var listing = await Assert.ThrowsAsync<AppException>(() => UseAsync<AlertQueries, Page<AlertView>>(q => q.ListAsync(Sally, new AlertListQuery(), CancellationToken.None)));
        Assert.Equal(ErrorCodes.Forbidden, listing.Code);
        Assert.Equal(AlertStatus.Open, Assert.Single(await server.EarlyWarnings.AlertsAsync(customer.Id)).Status);

        // A filter the page cannot send is refused at its field, not read as "everything".
        var bad = await Assert.ThrowsAsync<AppException>(() => UseAsync<AlertQueries, Page<AlertView>>(q =>
            q.ListAsync(Mia, new AlertListQuery { Indicator = "OverdueRatio,LimitUtilisation", Level = "Critical" }, CancellationToken.None)));
        Assert.Contains("indicator", bad.FieldErrors!.Keys);
        Assert.Contains("level", bad.FieldErrors!.Keys);

        // Sally's review is on her list and not on Sam's; Sam's statements for it are refused as for a customer that does not exist.
        var mine = await UseAsync<ReviewList, Page<ReviewRow>>(r => r.ListAsync(Sally, new ReviewListQuery(), CancellationToken.None));
        Assert.Contains(mine.Items, r => r.CustomerId == customer.Id);
        var his = await UseAsync<ReviewList, Page<ReviewRow>>(r => r.ListAsync(Sam, new ReviewListQuery(), CancellationToken.None));
        Assert.DoesNotContain(his.Items, r => r.CustomerId == customer.Id);
        var statements = await Assert.ThrowsAsync<AppException>(() => UseAsync<ReviewStatements, ReviewCase>(s =>
            s.SubmitAsync(customer.Id, System.Text.Json.JsonSerializer.SerializeToElement(Onboarding.Medium.Statements), Sam, CancellationToken.None)));
        Assert.Equal(ErrorCodes.NotFound, statements.Code);
    }

    private async Task<TResult> UseAsync<TService, TResult>(Func<TService, Task<TResult>> call)
        where TService : notnull
    {
        await using var scope = server.Server.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
