using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Testing;

/// <summary>Customer rows for tests that start after onboarding: a unique name and registration number, a limit and a review date.</summary>
public static class TestCustomers
{
    /// <summary>A customer owned by <paramref name="owner"/>, with a credit profile unless <paramref name="limit"/> is null.</summary>
    public static (Customer Customer, CreditProfile? Profile) Build(string owner, DateTimeOffset now, decimal? limit, DateOnly nextReview,
        CustomerStatus status = CustomerStatus.Active)
    {
        var customer = new Customer
        {
            Id = Guid.NewGuid(), Name = "Customer " + Guid.NewGuid().ToString("N")[..6], RegistrationNumber = "91" + Guid.NewGuid().ToString("N")[..14].ToUpperInvariant(),
            Status = status, Owner = owner, CreatedAt = now,
        };
        var profile = limit is { } amount
            ? new CreditProfile
            {
                Id = Guid.NewGuid(), CustomerId = customer.Id, Score = 700, Grade = "A", Tier = "Low", CreditLimit = amount, TermsDays = 30,
                NextReview = nextReview, PolicyVersion = "test", UpdatedAt = now,
            }
            : null;
        return (customer, profile);
    }
}
