using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainCustomerOrderConfiguration : IEntityTypeConfiguration<CustomerOrder>
{
    public void Configure(EntityTypeBuilder<CustomerOrder> entity)
    {
        entity.ToTable("CustomerOrders");
        entity.HasKey(o => o.Id);
        entity.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        entity.Property(o => o.ExternalId).HasMaxLength(DomainReceivableItemConfiguration.MaxExternalIdLength);
        entity.Property(o => o.Currency).HasMaxLength(3);
        entity.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        entity.HasIndex(o => o.ExternalId).IsUnique();

        // A customer's open orders summed for the exposure, without reading the table.
        entity.HasIndex(o => new { o.Status, o.CustomerId, o.AmountMinor });

        // Orders of a period, customer by customer: the early-warning job's order-volume GROUP BY.
        entity.HasIndex(o => new { o.CustomerId, o.OrderDate, o.Status, o.AmountMinor });
    }
}
