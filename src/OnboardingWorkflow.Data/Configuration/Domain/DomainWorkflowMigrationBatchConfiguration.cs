using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainWorkflowMigrationBatchConfiguration : IEntityTypeConfiguration<WorkflowMigrationBatch>
{
    public void Configure(EntityTypeBuilder<WorkflowMigrationBatch> entity)
    {
        entity.ToTable("WorkflowMigrationBatches");
        entity.HasKey(b => b.Id);
        entity.HasIndex(b => new { b.ProcessKey, b.State });
        entity.Property(b => b.ProcessKey).HasMaxLength(200);
        entity.Property(b => b.MappingJson).HasMaxLength(WorkflowMigrationBatch.MaxMappingJsonLength);
        entity.Property(b => b.InstanceIdsJson).HasMaxLength(WorkflowMigrationBatch.MaxInstances * 40);
        entity.Property(b => b.FailuresJson).HasMaxLength(WorkflowMigrationBatch.MaxFailuresJsonLength);
        entity.Property(b => b.State).HasConversion<string>().HasMaxLength(20);
        entity.Property(b => b.StartedBy).HasMaxLength(256);
    }
}
