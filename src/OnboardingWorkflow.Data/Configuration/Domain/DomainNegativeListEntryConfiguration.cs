using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainNegativeListEntryConfiguration : IEntityTypeConfiguration<NegativeListEntry>
{
    public void Configure(EntityTypeBuilder<NegativeListEntry> entity)
    {
        entity.ToTable("NegativeList");
        entity.HasKey(e => e.Id);
        entity.Property(e => e.RegistrationNumber).HasMaxLength(64);
        entity.Property(e => e.Name).HasMaxLength(300);
        entity.Property(e => e.Reason).HasMaxLength(1000);
        entity.Property(e => e.AddedBy).HasMaxLength(256);
        entity.HasIndex(e => e.RegistrationNumber);
        entity.HasIndex(e => e.Name);
    }
}
