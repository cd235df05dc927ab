using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainDunningRunConfiguration : IEntityTypeConfiguration<DunningRun>
{
    public void Configure(EntityTypeBuilder<DunningRun> entity)
    {
        entity.ToTable("DunningRuns");
        entity.HasKey(r => r.Id);
        entity.HasIndex(r => new { r.FinishedAt, r.StartedAt });
        entity.Property(r => r.Phase).HasConversion<string>().HasMaxLength(20);
        entity.Property(r => r.Revision).IsConcurrencyToken();
    }
}
