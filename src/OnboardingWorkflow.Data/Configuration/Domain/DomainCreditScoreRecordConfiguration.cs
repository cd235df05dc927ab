using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainCreditScoreRecordConfiguration : IEntityTypeConfiguration<CreditScoreRecord>
{
    public void Configure(EntityTypeBuilder<CreditScoreRecord> entity)
    {
        entity.ToTable("CreditScores");
        entity.HasKey(s => s.Id);
        entity.HasOne<OnboardingApplication>().WithMany().HasForeignKey(s => s.ApplicationId);
        entity.HasIndex(s => s.ApplicationId);
        entity.HasIndex(s => s.CustomerId);
        entity.Property(s => s.Grade).HasMaxLength(8);
        entity.Property(s => s.Tier).HasMaxLength(16);
        entity.Property(s => s.RecommendedLimit).HasPrecision(18, 2);
        entity.Property(s => s.ExposureAfterRequest).HasPrecision(18, 2);
        entity.Property(s => s.RecommendedSecurity).HasMaxLength(50);
        entity.Property(s => s.ApprovalRule).HasMaxLength(100);
        entity.Property(s => s.PolicyVersion).HasMaxLength(300);
    }
}
