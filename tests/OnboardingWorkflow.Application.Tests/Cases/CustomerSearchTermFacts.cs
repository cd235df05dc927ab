using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Tests.Support;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Tests.Cases;

/// <summary>The words a customer is found by, and how saving a customer keeps them in step (real SQLite).</summary>
public sealed class CustomerSearchTermFacts(SqliteCaseDatabase database) : IClassFixture<SqliteCaseDatabase>
{
    [Fact]
    public void A_name_gives_its_lower_case_words_and_the_registration_number_its_letters_and_digits()
    {
        Assert.Equal(["acme", "blue", "trading", "co", "hrb12345"],
            CustomerSearchTerm.TermsOf("ACME-Blue Trading Co.", "HRB 12-345"));
    }

    [Fact]
    public void A_word_in_Chinese_gives_every_suffix_so_a_search_finds_text_inside_it()
    {
        Assert.Equal(["上海某某贸易", "海某某贸易", "某某贸易", "某贸易", "贸易", "易", "ltd", "91310000"],
            CustomerSearchTerm.TermsOf("上海某某贸易（Ltd）", "91310000"));
    }

    [Fact]
    public void The_upper_bound_of_a_prefix_is_the_least_string_above_every_word_it_starts()
    {
        Assert.Equal("acmf", CustomerSearchTerm.UpperBound("acme"));
        Assert.True(string.CompareOrdinal("acmezzz", CustomerSearchTerm.UpperBound("acme")) < 0);
        Assert.True(string.CompareOrdinal("acmf", CustomerSearchTerm.UpperBound("acme")) >= 0);
        Assert.Equal("ab", CustomerSearchTerm.UpperBound("aa\uffff"));
    }

    [Fact]
    public async Task Saving_a_customer_writes_its_terms_and_a_rename_replaces_them()
    {
        var id = Guid.NewGuid();
        await SaveAsync(db => db.Add(new Customer { Id = id, Name = "Harbor Logistics", RegistrationNumber = "77-001", CreatedAt = DateTimeOffset.UnixEpoch }));
        Assert.Equal(["77001", "harbor", "logistics"], await TermsAsync(id));

        await SaveAsync(async db => (await db.Set<Customer>().SingleAsync(c => c.Id == id)).Name = "Harbor Freight Logistics");
        Assert.Equal(["77001", "freight", "harbor", "logistics"], await TermsAsync(id));

        await SaveAsync(async db => (await db.Set<Customer>().SingleAsync(c => c.Id == id)).RegistrationNumber = "88002");
        Assert.Equal(["88002", "freight", "harbor", "logistics"], await TermsAsync(id));

        // A change to anything else leaves the terms alone.
        await SaveAsync(async db => (await db.Set<Customer>().SingleAsync(c => c.Id == id)).Industry = "Shipping");
        Assert.Equal(["88002", "freight", "harbor", "logistics"], await TermsAsync(id));
    }

    [Fact]
    public async Task Removing_a_customer_removes_its_terms()
    {
        var id = Guid.NewGuid();
        await SaveAsync(db => db.Add(new Customer { Id = id, Name = "Ephemeral Goods", RegistrationNumber = "55-1", CreatedAt = DateTimeOffset.UnixEpoch }));
        await SaveAsync(async db => db.Remove(await db.Set<Customer>().SingleAsync(c => c.Id == id)));
        Assert.Empty(await TermsAsync(id));
    }

    private Task SaveAsync(Action<OnboardingDbContext> change) => SaveAsync(db =>
    {
        change(db);
        return Task.CompletedTask;
    });

    private Task SaveAsync(Func<OnboardingDbContext, Task> change) => database.RunAsync(async s =>
    {
        var db = s.GetRequiredService<OnboardingDbContext>();
        await change(db);
        return await db.SaveChangesAsync();
    });

    private Task<List<string>> TermsAsync(Guid customer) => database.RunAsync(s =>
        s.GetRequiredService<OnboardingDbContext>().Set<CustomerSearchTerm>().Where(t => t.CustomerId == customer).Select(t => t.Term).OrderBy(t => t).ToListAsync());
}
