using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainReviewRunConfiguration : IEntityTypeConfiguration<ReviewRun>
{
    public void Configure(EntityTypeBuilder<ReviewRun> entity)
    {
        entity.ToTable("ReviewRuns");
        entity.HasKey(r => r.Id);

        // One run per day: servers that start the job the same day share its checkpoint.
        entity.HasIndex(r => r.AsOf).IsUnique();
        entity.HasIndex(r => new { r.FinishedAt, r.StartedAt });
        entity.Property(r => r.Revision).IsConcurrencyToken();
    }
}
