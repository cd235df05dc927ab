using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainWorkflowDraftConfiguration : IEntityTypeConfiguration<WorkflowDraft>
{
    public void Configure(EntityTypeBuilder<WorkflowDraft> entity)
    {
        entity.ToTable("WorkflowDrafts");
        entity.HasKey(d => d.Id);
        entity.HasIndex(d => new { d.ProcessKey, d.State });
        entity.Property(d => d.ProcessKey).HasMaxLength(200);
        entity.Property(d => d.ProcessName).HasMaxLength(400);
        entity.Property(d => d.Xml).HasMaxLength(WorkflowDraft.MaxXmlLength);
        entity.Property(d => d.Comment).HasMaxLength(WorkflowDraft.MaxCommentLength);
        entity.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        entity.Property(d => d.CreatedBy).HasMaxLength(256);
        entity.Property(d => d.UpdatedBy).HasMaxLength(256);
        entity.Property(d => d.ProposedBy).HasMaxLength(256);
        entity.Property(d => d.PublishedBy).HasMaxLength(256);
        entity.Property(d => d.Revision).IsConcurrencyToken();
    }
}
