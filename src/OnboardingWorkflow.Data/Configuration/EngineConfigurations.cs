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

        // Only called instances have a parent: a top-level start writes no entry (see the bookmarks below).
        e.HasIndex(x => x.ParentInstanceId).HasFilter("\"ParentInstanceId\" IS NOT NULL");
    }
}

internal sealed class WorkflowVariableConfiguration : IEntityTypeConfiguration<WorkflowVariableEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowVariableEntity> e)
    {
        e.ToTable("WorkflowVariables");
        // An instance's variables are read together and written one by one: the key leads with the instance.
        e.HasKey(x => new { x.InstanceId, x.ScopeId, x.Name });
        e.Property(x => x.ScopeId).HasMaxLength(32);
        e.Property(x => x.Name).HasMaxLength(WorkflowVariableEntity.MaxNameLength);
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

        // Each of these columns is set on one kind of wait only (a timer, a message or signal, an
        // external task), and every query of them compares them with a value, which implies the
        // filter. So a bookmark enters only the indexes of its kind: a user task's wait, the most
        // common, writes to none of the three. Every step that begins or ends a wait changes its
        // bookmark row, and each index entry written is a page more in the commit's log and sync.
        // Fetch-and-lock: the external tasks of a topic, by priority.
        e.HasIndex(x => new { x.Topic, x.Priority }).HasFilter("\"Topic\" IS NOT NULL");
        e.HasIndex(x => x.DueAt).HasFilter("\"DueAt\" IS NOT NULL");
        e.HasIndex(x => new { x.MessageName, x.CorrelationKey }).HasFilter("\"MessageName\" IS NOT NULL");
    }
}

internal sealed class WorkflowTaskConfiguration : IEntityTypeConfiguration<WorkflowTaskEntity>
{
    /// <summary>The index of open tasks nobody is assigned to and nobody has claimed, by candidate key; <see cref="OpenTaskKeys"/> walks its keys.</summary>
    public const string OfferedIndex = "IX_WorkflowTasks_Offered";

    /// <summary>Open tasks by claim; its filter (claim above the empty string) is written by the inbox as such.</summary>
    public const string ClaimedIndex = "IX_WorkflowTasks_Claimed";

    /// <summary>The same for the claimed ones.</summary>
    public const string OfferedClaimedIndex = "IX_WorkflowTasks_OfferedClaimed";

    /// <summary>The filter of <see cref="OfferedIndex"/> and <see cref="OfferedClaimedIndex"/> but the claim, which <see cref="OpenTaskKeys"/> repeats.</summary>
    public const string Unassigned = Open + " AND \"Assignee\" IS NULL";

    /// <summary>
    /// The filter of the inbox's partial indexes. Double-quoted names are standard SQL, which
    /// SQLite, PostgreSQL and SQL Server (QUOTED_IDENTIFIER ON, as every client sets it) all accept.
    /// </summary>
    public const string Open = "\"Status\" = 'Open'";

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

        // Open tasks by due date (none last, then id for stable pages): an auditor's inbox, and any
        // query of open tasks by due date. See WorkflowTaskEntity.DueOrder.
        e.HasIndex(x => new { x.Status, x.DueOrder, x.Id });

        // The task inbox of everybody else: each filter is a few exact ranges of these indexes of
        // open tasks, one range per candidate key offered to the user (TaskInbox, OpenTaskKeys), so a
        // count adds the ranges' sizes and a first page merges their first rows in due order, with
        // no test per entry. Partial (filtered) indexes: an ended task leaves them, and their filters
        // are the literal conditions the inbox writes ("Status" = 'Open', never a parameter).
        // Unclaimed and claimed apart, as filters, not as a key column: "ClaimedBy IS NULL" in an
        // index key leaves PostgreSQL unable to read the rest of the range in due order.
        e.HasIndex(x => new { x.CandidateKey, x.DueOrder, x.Id }, OfferedIndex).HasFilter(Unassigned + " AND \"ClaimedBy\" IS NULL");
        e.HasIndex(x => new { x.CandidateKey, x.DueOrder, x.Id }, OfferedClaimedIndex).HasFilter(Unassigned + " AND \"ClaimedBy\" IS NOT NULL");
        // "> ''", not "IS NOT NULL" (a claim is never empty): the claimed tasks of a candidate key ask
        // for "IS NOT NULL", and SQLite, seeing this index's filter met too, would read them here.
        e.HasIndex(x => new { x.ClaimedBy, x.DueOrder, x.Id }, ClaimedIndex).HasFilter(Open + " AND \"ClaimedBy\" > ''");
        e.HasIndex(x => new { x.Assignee, x.ClaimedBy, x.DueOrder, x.Id }, "IX_WorkflowTasks_Assigned").HasFilter(Open + " AND \"Assignee\" IS NOT NULL");

        // Tasks whose follow-up date has come: one range, whose entries say who may take the task.
        e.HasIndex(x => new { x.FollowUpDate, x.Assignee, x.ClaimedBy, x.CandidateKey, x.DueOrder, x.Id }, "IX_WorkflowTasks_FollowUp")
            .HasFilter(Open + " AND \"FollowUpDate\" IS NOT NULL");
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

internal sealed class WorkflowDispatchConfiguration : IEntityTypeConfiguration<WorkflowDispatchEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowDispatchEntity> e)
    {
        e.ToTable("WorkflowDispatches");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Kind).HasMaxLength(20);

        // Unbounded: a name or key computed by an expression must not fail its thrower's commit.
        e.Property(x => x.Name);
        e.Property(x => x.CorrelationKey);
        e.HasIndex(x => x.DueAt);
    }
}

internal sealed class WorkflowDispatchDeliveryConfiguration : IEntityTypeConfiguration<WorkflowDispatchDeliveryEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowDispatchDeliveryEntity> e)
    {
        e.ToTable("WorkflowDispatchDeliveries");

        // "start:" + a process key (200) + ":" + an element id (200) at most; with the id under SQL Server's 900 bytes of a key.
        e.Property(x => x.Target).HasMaxLength(420);
        e.HasKey(x => new { x.DispatchId, x.Target });
    }
}
