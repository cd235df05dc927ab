using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Testing;

/// <summary>Active customers written straight to a test server's database, owned by sally, with a limit and a review a year ahead.</summary>
public static class ReceivablesCustomers
{
    public static async Task<Customer> AddAsync(OnboardingServer server, decimal limit)
    {
        var customer = new Customer
        {
            Id = Guid.NewGuid(), Name = "Receivables " + Guid.NewGuid().ToString("N")[..6], RegistrationNumber = "91" + Guid.NewGuid().ToString("N")[..14].ToUpperInvariant(),
            Status = CustomerStatus.Active, Owner = Users.Sally, CreatedAt = server.Clock.GetUtcNow(),
        };
        await server.WithDbAsync(async db =>
        {
            db.Add(customer);
            db.Add(new CreditProfile
            {
                Id = Guid.NewGuid(), CustomerId = customer.Id, Score = 700, Grade = "A", Tier = "Low", CreditLimit = limit, TermsDays = 30,
                NextReview = DateOnly.FromDateTime(server.Clock.GetUtcNow().UtcDateTime).AddYears(1), PolicyVersion = "test", UpdatedAt = server.Clock.GetUtcNow(),
            });
            return await db.SaveChangesAsync();
        });
        return customer;
    }
}
