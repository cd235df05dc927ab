using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainEarlyWarningRunConfiguration : IEntityTypeConfiguration<EarlyWarningRun>
{
    public void Configure(EntityTypeBuilder<EarlyWarningRun> entity)
    {
        entity.ToTable("EarlyWarningRuns");
        entity.HasKey(r => r.Id);
        entity.HasIndex(r => new { r.FinishedAt, r.StartedAt });
        entity.Property(r => r.Revision).IsConcurrencyToken();
    }
}
