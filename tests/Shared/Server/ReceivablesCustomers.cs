using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Testing;

/// <summary>Active customers written straight to a test server's database, owned by sally, with a limit and a review a year ahead.</summary>
public static class ReceivablesCustomers
{
    public static async Task<Customer> AddAsync(OnboardingServer server, decimal limit)
    {
        var now = server.Clock.GetUtcNow();
        var (customer, profile) = TestCustomers.Build(Users.Sally, now, limit, DateOnly.FromDateTime(now.UtcDateTime).AddYears(1));
        await server.WithDbAsync(db =>
        {
            db.AddRange(customer, profile!);
            return db.SaveChangesAsync();
        });
        return customer;
    }
}
