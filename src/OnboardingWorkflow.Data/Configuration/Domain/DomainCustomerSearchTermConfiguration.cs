using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainCustomerSearchTermConfiguration : IEntityTypeConfiguration<CustomerSearchTerm>
{
    public void Configure(EntityTypeBuilder<CustomerSearchTerm> entity)
    {
        entity.ToTable("CustomerSearchTerms");

        // The key is the search: a prefix is a range of Term, and the customer id comes with it
        // from the index alone. Each provider compares Term in code-point order (its context sets
        // the collation) so that the range [prefix, UpperBound(prefix)) is exactly the prefix.
        entity.HasKey(t => new { t.Term, t.CustomerId });
        entity.Property(t => t.Term).HasMaxLength(CustomerSearchTerm.MaxLength);

        // A customer's terms, from the index alone: a search of several words checks each further
        // word against the customers the first one found.
        entity.HasIndex(t => new { t.CustomerId, t.Term });
        entity.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
