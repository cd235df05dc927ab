using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Access;
using OnboardingWorkflow.Application.Cases;
using OnboardingWorkflow.Application.Documents;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Application.Tests.Cases;

/// <summary>The customer list on a real SQLite file: ownership, search, status and paging all in SQL.</summary>
public sealed class CustomerQueriesFacts : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CurrentUser Sally = new("sally@owf.test", [Roles.Sales]);
    private static readonly CurrentUser Sam = new("sam@owf.test", [Roles.Sales]);
    private static readonly CurrentUser Audrey = new("audrey@owf.test", [Roles.Auditor]);

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"owf-app-tests-{Guid.NewGuid():N}.db");
    private OnboardingDbContext _db = null!;
    private CustomerQueries _queries = null!;

    public async Task InitializeAsync()
    {
        var options = new DbContextOptionsBuilder<SqliteOnboardingDbContext>().UseSqlite(new SqliteConnectionStringBuilder { DataSource = _file }.ToString()).Options;
        _db = new SqliteOnboardingDbContext(options);
        await _db.Database.MigrateAsync();
        var cases = new CaseFile(_db, new NoMail(), TimeProvider.System);
        _queries = new CustomerQueries(_db, new CaseAccess(cases));
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(_file + suffix);
        }
    }

    private sealed class NoMail : IEmailOutbox
    {
        public void Enqueue(EmailMessage message)
        {
        }
    }

    private Customer Add(string name, string registration, string? owner, CustomerStatus status = CustomerStatus.Prospect, params string[] makers)
    {
        var customer = new Customer { Id = Guid.NewGuid(), Name = name, RegistrationNumber = registration, Owner = owner, Status = status, CreatedAt = T0 };
        _db.Add(customer);
        for (var i = 0; i < makers.Length; i++)
        {
            _db.Add(new OnboardingApplication
            {
                Id = Guid.NewGuid(), CustomerId = customer.Id, Maker = makers[i], RequestedLimit = 1000, CreatedAt = T0.AddDays(i), UpdatedAt = T0.AddDays(i),
            });
        }

        return customer;
    }

    private Task<Page<CustomerSummary>> ListAsync(CurrentUser user, CustomerListQuery query) => _queries.CustomersAsync(user, query, CancellationToken.None);

    [Fact]
    public async Task Sales_see_the_customers_they_own_and_credit_staff_see_all()
    {
        Add("Alpha Trading", "A-1", Sally.Name, CustomerStatus.Prospect, Sally.Name, Sam.Name);
        Add("Beta Foods", "B-1", Sam.Name, CustomerStatus.Prospect, Sam.Name, Sally.Name);
        // Before owners were recorded: the maker of the first application owns the account, whatever case the name is in.
        Add("Gamma Steel", "G-1", null, CustomerStatus.Active, " SALLY@owf.test", Sam.Name);
        Add("Delta Paper", "D-1", null, CustomerStatus.Active, Sam.Name, Sally.Name);
        await _db.SaveChangesAsync();

        var sally = await ListAsync(Sally, new CustomerListQuery());
        var audrey = await ListAsync(Audrey, new CustomerListQuery());

        Assert.Equal(["Alpha Trading", "Gamma Steel"], sally.Items.Select(c => c.Name));
        Assert.Equal(2, sally.Total);
        Assert.Equal(4, audrey.Total);
    }

    [Fact]
    public async Task Search_matches_part_of_the_name_or_the_start_of_the_registration_number_and_status_filters()
    {
        Add("Alpha Trading", "91-AAA", null, CustomerStatus.Active);
        Add("Alphabet Soup", "92-BBB", null, CustomerStatus.Prospect);
        Add("Omega", "91-CCC", null, CustomerStatus.Suspended);
        await _db.SaveChangesAsync();

        Assert.Equal(["Alpha Trading", "Alphabet Soup"], (await ListAsync(Audrey, new CustomerListQuery { Search = "ALPHA" })).Items.Select(c => c.Name));
        Assert.Equal(["Alpha Trading", "Omega"], (await ListAsync(Audrey, new CustomerListQuery { Search = "91-" })).Items.Select(c => c.Name));
        Assert.Empty((await ListAsync(Audrey, new CustomerListQuery { Search = "AAA" })).Items);
        Assert.Equal(["Omega"], (await ListAsync(Audrey, new CustomerListQuery { Status = CustomerStatus.Suspended })).Items.Select(c => c.Name));
    }

    [Fact]
    public async Task Pages_are_cut_in_order_with_the_total_and_the_current_limit()
    {
        for (var i = 0; i < 7; i++)
        {
            Add($"Customer {i}", $"R-{i}", null);
        }

        var withProfile = Add("Customer 9", "R-9", null, CustomerStatus.Active);
        _db.Add(new CreditProfile
        {
            Id = Guid.NewGuid(), CustomerId = withProfile.Id, Grade = "B", Tier = "low", CreditLimit = 80_000m, TermsDays = 30, PolicyVersion = "v1",
            NextReview = new DateOnly(2027, 1, 1), UpdatedAt = T0,
        });
        await _db.SaveChangesAsync();

        var third = await ListAsync(Audrey, new CustomerListQuery { Page = 3, PageSize = 3 });

        Assert.Equal(8, third.Total);
        Assert.Equal(["Customer 6", "Customer 9"], third.Items.Select(c => c.Name));
        Assert.Equal((80_000m, "B"), (third.Items[1].CreditLimit, third.Items[1].Grade));
        Assert.Null(third.Items[0].CreditLimit);
    }

    [Theory]
    [InlineData(0, 25, "page")]
    [InlineData(1, 0, "pageSize")]
    [InlineData(1, 101, "pageSize")]
    public async Task A_page_out_of_range_is_refused_by_field(int page, int size, string field)
    {
        var refusal = await Assert.ThrowsAsync<AppException>(() => ListAsync(Audrey, new CustomerListQuery { Page = page, PageSize = size }));
        Assert.Contains(field, refusal.FieldErrors!.Keys);
    }

    [Theory]
    [InlineData(null, ExpiryState.None)]
    [InlineData("2026-11-29", ExpiryState.Expired)]
    [InlineData("2026-11-30", ExpiryState.Expired)]
    [InlineData("2026-12-30", ExpiryState.ExpiringSoon)]
    [InlineData("2026-12-31", ExpiryState.Valid)]
    public void A_document_is_flagged_when_expired_or_expiring_within_30_days(string? expiry, ExpiryState expected) =>
        Assert.Equal(expected, DocumentExpiry.Of(expiry is null ? null : DateOnly.Parse(expiry), new DateOnly(2026, 11, 30)));
}
