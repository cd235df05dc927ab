using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Reviews;
using OnboardingWorkflow.Application.Tests.Support;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Application.Tests.Reviews;

/// <summary>
/// The due cohort of the periodic-review job, as SQL on each provider: who is due by the horizon,
/// who is left out (not active, already under review for the cycle), and the keyset pages that
/// walk it without skipping or repeating anyone. Each test works on customers of its own, told
/// apart by their review dates in a year of their own.
/// </summary>
public abstract class ReviewCohortFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : CaseDatabase
{
    private static int s_year = 2100;

    /// <summary>A year no other test of the class uses, so cohorts do not mix.</summary>
    private static DateOnly Year() => new(Interlocked.Increment(ref s_year), 1, 1);

    private async Task<Guid> CustomerAsync(DateOnly nextReview, CustomerStatus status = CustomerStatus.Active, DateOnly? underReviewFor = null)
    {
        var (customer, profile) = TestCustomers.Build("sally@owf.test", database.Clock.GetUtcNow(), 10_000m, nextReview, status);
        await database.RunAsync(async s =>
        {
            var db = s.GetRequiredService<OnboardingDbContext>();
            db.AddRange(customer, profile!);
            if (underReviewFor is { } due)
            {
                db.Add(new ReviewCase
                {
                    Id = Guid.NewGuid(), CustomerId = customer.Id, DueDate = due, InstanceId = Guid.NewGuid(), Status = ReviewCaseStatus.Running,
                    Owner = "sally@owf.test", PreviousGrade = "A", PreviousTier = "Low", StartedAt = database.Clock.GetUtcNow(),
                });
            }

            return await db.SaveChangesAsync();
        });
        return customer.Id;
    }

    /// <summary>A page of the cohort from <paramref name="from"/> on (the key before it: the day before, the lowest id), or after <paramref name="after"/>.</summary>
    private Task<List<DueCustomer>> PageAsync(DateOnly from, DateOnly dueBy, DueCustomer? after, int take)
    {
        var key = after ?? new DueCustomer(Guid.Empty, from.AddDays(-1));
        return database.RunAsync(s => ReviewCohort.NextAsync(s.GetRequiredService<OnboardingDbContext>(), dueBy, key.DueDate, key.CustomerId, take, CancellationToken.None));
    }

    [Fact]
    public async Task The_cohort_is_every_active_customer_due_by_the_horizon_without_a_case_for_that_cycle()
    {
        var year = Year();
        var earliest = await CustomerAsync(year);
        var onTheHorizon = await CustomerAsync(year.AddDays(30));
        await CustomerAsync(year.AddDays(31));
        await CustomerAsync(year.AddDays(10), CustomerStatus.Suspended);
        await CustomerAsync(year.AddDays(5), underReviewFor: year.AddDays(5));
        var lastCycleReviewed = await CustomerAsync(year.AddDays(20), underReviewFor: year.AddDays(-300));

        var cohort = await PageAsync(year, year.AddDays(30), after: null, take: 100);

        Assert.Equal([earliest, lastCycleReviewed, onTheHorizon], cohort.Select(d => d.CustomerId));
        Assert.Equal([year, year.AddDays(20), year.AddDays(30)], cohort.Select(d => d.DueDate));
    }

    [Fact]
    public async Task Keyset_pages_walk_the_cohort_in_date_and_id_order_without_gaps_or_repeats()
    {
        var year = Year();
        var ids = new List<Guid>();
        for (var i = 0; i < 9; i++)
        {
            // Three customers share each day, so pages break inside a day as well as between days.
            ids.Add(await CustomerAsync(year.AddDays(i / 3)));
        }

        var walked = new List<DueCustomer>();
        DueCustomer? last = null;
        var pages = 0;
        while (true)
        {
            var page = await PageAsync(year, year.AddDays(10), last, take: 2);
            if (page.Count == 0)
            {
                break;
            }

            pages++;
            walked.AddRange(page);
            last = page[^1];
        }

        Assert.Equal(5, pages);
        Assert.Equal(ids.Count, walked.Select(d => d.CustomerId).Distinct().Count());
        Assert.Equal(ids.ToHashSet(), walked.Select(d => d.CustomerId).ToHashSet());
        Assert.Equal(walked.Select(d => d.DueDate).Order(), walked.Select(d => d.DueDate));
        var all = await PageAsync(year, year.AddDays(10), after: null, take: 100);
        Assert.Equal(all, walked);
    }

    [Fact]
    public async Task A_case_opened_for_the_cycle_takes_the_customer_out_of_the_cohort_and_a_second_one_is_refused()
    {
        var year = Year();
        var customer = await CustomerAsync(year.AddDays(3));
        Assert.Single(await PageAsync(year, year.AddDays(30), null, 10));

        await database.RunAsync(async s =>
        {
            var db = s.GetRequiredService<OnboardingDbContext>();
            db.Add(Case(customer, year.AddDays(3)));
            return await db.SaveChangesAsync();
        });

        Assert.Empty(await PageAsync(year, year.AddDays(30), null, 10));
        await Assert.ThrowsAsync<DbUpdateException>(() => database.RunAsync(async s =>
        {
            var db = s.GetRequiredService<OnboardingDbContext>();
            db.Add(Case(customer, year.AddDays(3)));
            return await db.SaveChangesAsync();
        }));
    }

    private ReviewCase Case(Guid customer, DateOnly due) => new()
    {
        Id = Guid.NewGuid(), CustomerId = customer, DueDate = due, InstanceId = Guid.NewGuid(), Status = ReviewCaseStatus.Running,
        Owner = "sally@owf.test", PreviousGrade = "A", PreviousTier = "Low", StartedAt = database.Clock.GetUtcNow(),
    };
}

public sealed class ReviewCohortOnSqliteFacts(SqliteCaseDatabase database) : ReviewCohortFacts<SqliteCaseDatabase>(database);

public sealed class ReviewCohortOnPostgreSqlFacts(PostgreSqlCaseDatabase database) : ReviewCohortFacts<PostgreSqlCaseDatabase>(database);
