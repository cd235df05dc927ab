using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainSavedTaskFilterConfiguration : IEntityTypeConfiguration<SavedTaskFilter>
{
    public void Configure(EntityTypeBuilder<SavedTaskFilter> entity)
    {
        entity.ToTable("SavedTaskFilters");
        entity.HasKey(f => f.Id);
        entity.Property(f => f.UserName).HasMaxLength(256);
        entity.Property(f => f.Name).HasMaxLength(60);
        entity.Property(f => f.QueryJson).HasMaxLength(2000);
        entity.HasIndex(f => new { f.UserName, f.Name }).IsUnique();
    }
}
