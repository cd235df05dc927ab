using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainReceivableAllocationConfiguration : IEntityTypeConfiguration<ReceivableAllocation>
{
    public void Configure(EntityTypeBuilder<ReceivableAllocation> entity)
    {
        entity.ToTable("ReceivableAllocations");
        entity.HasKey(a => a.Id);
        entity.HasOne<ReceivableItem>().WithMany().HasForeignKey(a => a.SourceId).OnDelete(DeleteBehavior.Restrict);
        entity.HasOne<ReceivableItem>().WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        entity.HasIndex(a => new { a.SourceId, a.InvoiceId }).IsUnique();
        entity.HasIndex(a => a.InvoiceId);
    }
}
