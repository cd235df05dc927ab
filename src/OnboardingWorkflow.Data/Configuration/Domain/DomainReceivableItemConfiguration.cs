using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainReceivableItemConfiguration : IEntityTypeConfiguration<ReceivableItem>
{
    public const int MaxExternalIdLength = 64;

    public void Configure(EntityTypeBuilder<ReceivableItem> entity)
    {
        entity.ToTable("ReceivableItems");
        entity.HasKey(i => i.Id);
        entity.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
        entity.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        entity.Property(i => i.ExternalId).HasMaxLength(MaxExternalIdLength);
        entity.Property(i => i.Currency).HasMaxLength(3);
        entity.Property(i => i.Revision).IsConcurrencyToken();
        entity.HasIndex(i => new { i.Kind, i.ExternalId }).IsUnique();

        // Open items of one kind, customer by customer, in due order, with the open amount in the
        // key so the index covers the sums: the dunning job's keyset batches (open invoices due
        // before a date, customer after the last one), a customer's ageing GROUP BY and open items.
        entity.HasIndex(i => new { i.Kind, i.IsOpen, i.CustomerId, i.DueDate, i.OpenMinor });

        // Sales of a period, customer by customer, open or settled: the early-warning job's GROUP BY.
        entity.HasIndex(i => new { i.Kind, i.CustomerId, i.IssueDate, i.AmountMinor });
    }
}
