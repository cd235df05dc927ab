using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainCreditLimitRecordConfiguration : IEntityTypeConfiguration<CreditLimitRecord>
{
    public void Configure(EntityTypeBuilder<CreditLimitRecord> entity)
    {
        entity.ToTable("CreditLimitHistory");
        entity.HasKey(r => r.Id);
        entity.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId);
        entity.HasIndex(r => new { r.CustomerId, r.EffectiveAt });
        entity.Property(r => r.Source).HasMaxLength(40);
        entity.Property(r => r.DecidedBy).HasMaxLength(256);
        entity.Property(r => r.Reason).HasMaxLength(2000);
        entity.Property(r => r.PolicyVersion).HasMaxLength(300);
        entity.Property(r => r.PreviousLimit).HasPrecision(18, 2);
        entity.Property(r => r.NewLimit).HasPrecision(18, 2);
    }
}
