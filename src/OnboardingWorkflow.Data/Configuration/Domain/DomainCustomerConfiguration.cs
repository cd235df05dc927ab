using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainCustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> entity)
    {
        entity.ToTable("Customers");
        entity.HasKey(c => c.Id);
        entity.Property(c => c.Name).HasMaxLength(300);
        entity.Property(c => c.RegistrationNumber).HasMaxLength(64);
        entity.Property(c => c.Owner).HasMaxLength(256);
        entity.HasIndex(c => c.RegistrationNumber).IsUnique();

        // With the id, the inbox sorted by customer walks this index without reading the customers.
        entity.HasIndex(c => new { c.Name, c.Id });

        // The early-warning job's keyset batches over the active customers.
        entity.HasIndex(c => new { c.Status, c.Id });
        entity.Property(c => c.Address).HasMaxLength(500);
        entity.Property(c => c.Industry).HasMaxLength(100);
        entity.Property(c => c.BusinessScope).HasMaxLength(1000);
        entity.Property(c => c.ContactEmail).HasMaxLength(256);
        entity.Property(c => c.Language).HasMaxLength(10);
        entity.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
    }
}
