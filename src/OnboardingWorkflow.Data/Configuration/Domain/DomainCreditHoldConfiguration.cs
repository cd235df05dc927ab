using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainCreditHoldConfiguration : IEntityTypeConfiguration<CreditHold>
{
    public void Configure(EntityTypeBuilder<CreditHold> entity)
    {
        entity.ToTable("CreditHolds");
        entity.HasKey(h => h.Id);
        entity.HasOne<Customer>().WithMany().HasForeignKey(h => h.CustomerId).OnDelete(DeleteBehavior.Restrict);
        entity.Property(h => h.Source).HasConversion<string>().HasMaxLength(20);
        entity.Property(h => h.Reason).HasMaxLength(2000);
        entity.Property(h => h.PlacedBy).HasMaxLength(256);
        entity.Property(h => h.ReleasedBy).HasMaxLength(256);
        entity.Property(h => h.ReleaseReason).HasMaxLength(2000);
        entity.HasIndex(h => new { h.CustomerId, h.ReleasedAt });
        entity.HasIndex(h => h.CaseId);
    }
}
