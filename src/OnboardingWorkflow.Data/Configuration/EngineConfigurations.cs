using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Engine;

namespace OnboardingWorkflow.Data.Configuration;

internal sealed class WorkflowDefinitionConfiguration : IEntityTypeConfiguration<WorkflowDefinitionEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionEntity> e)
    {
        e.ToTable("WorkflowDefinitions");
        e.Property(x => x.Key).HasMaxLength(200);
        e.Property(x => x.Name).HasMaxLength(400);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.Property(x => x.ResourceName).HasMaxLength(400);
        e.HasIndex(x => new { x.Key, x.Version }).IsUnique();
    }
}

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstanceEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceEntity> e)
    {
        e.ToTable("WorkflowInstances");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.ProcessKey).HasMaxLength(200);
        e.Property(x => x.BusinessKey).HasMaxLength(200);
        e.Property(x => x.Status).HasMaxLength(20);
        e.Property(x => x.StartedBy).HasMaxLength(200);
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.HasIndex(x => x.BusinessKey);
        e.HasIndex(x => new { x.ProcessKey, x.Status });
        e.HasIndex(x => x.ParentInstanceId);
    }
}

internal sealed class WorkflowBookmarkConfiguration : IEntityTypeConfiguration<WorkflowBookmarkEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowBookmarkEntity> e)
    {
        e.ToTable("WorkflowBookmarks");
        e.Property(x => x.Id).HasMaxLength(32);
        e.Property(x => x.Kind).HasMaxLength(20);
        e.Property(x => x.ElementId).HasMaxLength(200);
        e.Property(x => x.MessageName).HasMaxLength(200);
        e.Property(x => x.CorrelationKey).HasMaxLength(200);
        e.Property(x => x.Topic).HasMaxLength(200);
        e.Property(x => x.LockOwner).HasMaxLength(200);
        e.HasIndex(x => x.InstanceId);
        // Fetch-and-lock: the external tasks of a topic, by priority.
        e.HasIndex(x => new { x.Topic, x.Priority });
        e.HasIndex(x => x.DueAt);
        e.HasIndex(x => new { x.MessageName, x.CorrelationKey });
    }
}

internal sealed class WorkflowTaskConfiguration : IEntityTypeConfiguration<WorkflowTaskEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowTaskEntity> e)
    {
        e.ToTable("WorkflowTasks");
        e.Property(x => x.Id).HasMaxLength(32);
        e.Property(x => x.ProcessKey).HasMaxLength(200);
        e.Property(x => x.BusinessKey).HasMaxLength(200);
        e.Property(x => x.ElementId).HasMaxLength(200);
        e.Property(x => x.Name).HasMaxLength(400);
        e.Property(x => x.Assignee).HasMaxLength(200);
        e.Property(x => x.FormKey).HasMaxLength(400);
        e.Property(x => x.Status).HasMaxLength(20);
        e.Property(x => x.EndedBy).HasMaxLength(200);
        e.Property(x => x.CandidateKey).HasMaxLength(300);
        e.Property(x => x.ClaimedBy).HasMaxLength(256);

        // The task inbox: its default order (due date, none last, then id for stable pages) walks
        // this index, and its counts read nothing else: every column "is it offered to me, claimed,
        // due, to follow up" needs is in the key (SQLite has no INCLUDE). See WorkflowTaskEntity.DueOrder
        // and CandidateKey. Keys stay below SQL Server's 1,700 bytes.
        e.HasIndex(x => new { x.Status, x.DueOrder, x.Id, x.Assignee, x.ClaimedBy, x.FollowUpDate, x.CandidateKey });
        e.HasIndex(x => new { x.Status, x.CreatedAt, x.Id });
        e.HasIndex(x => new { x.Status, x.ElementId });

        // An instance's tasks; with the status, an inbox search or sort by case data reaches a
        // case's open tasks without reading the ended ones.
        e.HasIndex(x => new { x.InstanceId, x.Status });
        e.HasIndex(x => x.BusinessKey);
        e.HasMany(x => x.Candidates).WithOne().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkflowTaskCandidateConfiguration : IEntityTypeConfiguration<WorkflowTaskCandidateEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowTaskCandidateEntity> e)
    {
        e.ToTable("WorkflowTaskCandidates");
        e.Property(x => x.Kind).HasMaxLength(10);
        e.Property(x => x.Value).HasMaxLength(200);
        e.HasIndex(x => new { x.Kind, x.Value });

        // "Is this task offered to me": probed once per open task by the inbox, answered from the index alone.
        e.HasIndex(x => new { x.TaskId, x.Kind, x.Value });
    }
}

internal sealed class WorkflowHistoryConfiguration : IEntityTypeConfiguration<WorkflowHistoryEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowHistoryEntity> e)
    {
        e.ToTable("WorkflowHistory");
        e.Property(x => x.ProcessKey).HasMaxLength(200);
        e.Property(x => x.Event).HasMaxLength(40);
        e.Property(x => x.ElementId).HasMaxLength(200);
        e.Property(x => x.ElementType).HasMaxLength(60);
        e.Property(x => x.ElementName).HasMaxLength(400);
        e.Property(x => x.Actor).HasMaxLength(200);
        e.Property(x => x.TokenId).HasMaxLength(40);
        e.HasIndex(x => new { x.InstanceId, x.Id });
    }
}

internal sealed class WorkflowStartTimerConfiguration : IEntityTypeConfiguration<WorkflowStartTimerEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowStartTimerEntity> e)
    {
        e.ToTable("WorkflowStartTimers");
        e.Property(x => x.Id).HasMaxLength(400);
        e.Property(x => x.ProcessKey).HasMaxLength(200);
        e.Property(x => x.ElementId).HasMaxLength(200);
        e.Property(x => x.CycleInterval).HasMaxLength(100);
        e.HasIndex(x => x.DueAt);
        e.HasIndex(x => x.ProcessKey);
    }
}
