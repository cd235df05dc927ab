using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainCreditProfileConfiguration : IEntityTypeConfiguration<CreditProfile>
{
    public void Configure(EntityTypeBuilder<CreditProfile> entity)
    {
        entity.ToTable("CreditProfiles");
        entity.HasKey(p => p.Id);
        entity.HasIndex(p => p.CustomerId).IsUnique();
        entity.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId);
        entity.Property(p => p.Grade).HasMaxLength(8);
        entity.Property(p => p.Tier).HasMaxLength(16);
        entity.Property(p => p.CreditLimit).HasPrecision(18, 2);
        entity.Property(p => p.LimitAfterTemporary).HasPrecision(18, 2);
        entity.Property(p => p.Security).HasMaxLength(50);
        entity.Property(p => p.PolicyVersion).HasMaxLength(200);
        // The periodic-review job reads the due cohort as a range of this index, in keyset order.
        entity.HasIndex(p => new { p.NextReview, p.CustomerId });
    }
}
