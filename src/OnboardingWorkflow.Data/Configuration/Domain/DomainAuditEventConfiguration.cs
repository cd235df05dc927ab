using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainAuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> entity)
    {
        entity.ToTable("AuditEvents");
        entity.HasKey(e => e.Id);
        entity.Property(e => e.Id).ValueGeneratedOnAdd();
        entity.Property(e => e.Actor).HasMaxLength(256);
        entity.Property(e => e.Action).HasMaxLength(100);
        entity.Property(e => e.EntityType).HasMaxLength(100);
        entity.Property(e => e.EntityId).HasMaxLength(100);
        entity.Property(e => e.Detail).HasMaxLength(4000);
        entity.Property(e => e.Channel).HasMaxLength(20);
        entity.HasIndex(e => new { e.EntityType, e.EntityId });
        entity.HasIndex(e => e.CustomerId);
    }
}
