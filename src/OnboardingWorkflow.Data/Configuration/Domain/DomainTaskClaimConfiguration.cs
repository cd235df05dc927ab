using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainTaskClaimConfiguration : IEntityTypeConfiguration<TaskClaim>
{
    public void Configure(EntityTypeBuilder<TaskClaim> entity)
    {
        entity.ToTable("TaskClaims");
        entity.HasKey(c => c.TaskId);
        entity.Property(c => c.TaskId).HasMaxLength(200);
        entity.Property(c => c.UserName).HasMaxLength(256);
        entity.HasIndex(c => c.UserName);
    }
}
