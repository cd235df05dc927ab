using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainDueDiligenceFindingConfiguration : IEntityTypeConfiguration<DueDiligenceFinding>
{
    public void Configure(EntityTypeBuilder<DueDiligenceFinding> entity)
    {
        entity.ToTable("DueDiligenceFindings");
        entity.HasKey(f => f.Id);
        entity.HasOne<OnboardingApplication>().WithMany().HasForeignKey(f => f.ApplicationId);
        entity.HasIndex(f => f.ApplicationId);
        entity.Property(f => f.Kind).HasConversion<string>().HasMaxLength(30);
        entity.Property(f => f.Description).HasMaxLength(2000);
        entity.Property(f => f.Amount).HasPrecision(18, 2);
        entity.Property(f => f.RecordedBy).HasMaxLength(256);
    }
}
