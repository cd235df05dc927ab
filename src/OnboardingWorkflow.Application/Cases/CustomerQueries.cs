using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Cases;

/// <summary>Filter and page of the customer list; null members do not filter.</summary>
public sealed record CustomerListQuery
{
    public CustomerStatus? Status { get; init; }

    /// <summary>Customer name (part) or registration number (prefix).</summary>
    public string? Search { get; init; }

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

/// <summary>A line of the customer list: who, their state and their current limit when they have one.</summary>
public sealed record CustomerSummary(Guid Id, string Name, string RegistrationNumber, string Status, string? Industry, string? Owner,
    decimal? CreditLimit, string? Grade, DateOnly? NextReview, DateTimeOffset CreatedAt);

/// <summary>
/// The customer list, filtered, counted and paged in SQL, showing each user only the customers
/// <see cref="CaseAccess.VisibleCustomers"/> lets them see. A list names customers but opens no
/// credit file, so it is not audited; opening one is (<see cref="CaseQueries.CustomerAsync"/>).
/// </summary>
public sealed class CustomerQueries(OnboardingDbContext db, CaseAccess access)
{
    public const int MaxPageSize = 100;

    public async Task<Page<CustomerSummary>> CustomersAsync(CurrentUser user, CustomerListQuery query, CancellationToken cancellationToken)
    {
        var rules = new InputRules();
        var search = rules.Text("search", query.Search, 100);
        rules.Paging(query.Page, query.PageSize, MaxPageSize);
        rules.ThrowIfAny();

        var customers = access.VisibleCustomers(user);
        if (query.Status is { } status)
        {
            customers = customers.Where(c => c.Status == status);
        }

        if (search is not null)
        {
            var s = search.ToLower();
            customers = customers.Where(c => c.Name.ToLower().Contains(s) || c.RegistrationNumber.ToLower().StartsWith(s));
        }

        var total = await customers.CountAsync(cancellationToken);
        var rows = await (from c in customers
                          join p in db.Set<CreditProfile>() on c.Id equals p.CustomerId into profiles
                          from p in profiles.DefaultIfEmpty()
                          orderby c.Name, c.Id
                          select new { c, p })
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .AsNoTracking().ToListAsync(cancellationToken);
        var items = rows.Select(r => new CustomerSummary(r.c.Id, r.c.Name, r.c.RegistrationNumber, r.c.Status.ToString(), r.c.Industry, r.c.Owner,
            r.p?.CreditLimit, r.p?.Grade, r.p?.NextReview, r.c.CreatedAt)).ToList();
        return new Page<CustomerSummary>(items, total, query.Page, query.PageSize);
    }
}
